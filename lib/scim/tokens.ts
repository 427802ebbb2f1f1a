// SCIM bearer tokens: one workspace each, shown once, stored as SHA-256, compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { recordAudit, type Actor } from '@/lib/audit/record.ts';
import type { Db } from '@/lib/db.ts';
import { AppError } from '@/lib/http/app-error.ts';

export const TOKEN_PREFIX = 'tg_scim_';
/** How much of a token is kept in clear to tell tokens apart (and to find the candidate rows). */
const PREFIX_LENGTH = TOKEN_PREFIX.length + 6;
const TOKEN_SHAPE = /^tg_scim_[A-Za-z0-9_-]{43}$/;

const sha256 = (text: string) => createHash('sha256').update(text).digest();

export type ScimTokenInfo = { id: string; workspaceId: string; label: string };

export async function createScimToken(db: Db, actor: Actor, input: { workspaceId: string; label: string }) {
  const label = input.label.trim();
  if (!label || label.length > 80) throw new AppError('unprocessable', 'Label: 1 to 80 characters.');
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return db.$transaction(async (tx) => {
    if (!(await tx.workspace.findUnique({ where: { id: input.workspaceId } })))
      throw new AppError('not_found', `No workspace with id ${input.workspaceId}.`);
    const row = await tx.scimToken.create({
      data: {
        workspaceId: input.workspaceId,
        label,
        tokenHash: sha256(token).toString('hex'),
        prefix: token.slice(0, PREFIX_LENGTH),
        createdBy: actor.label,
      },
    });
    await recordAudit(tx, actor, {
      action: 'scim_token.create',
      targetType: 'scim_token',
      targetId: row.id,
      workspaceId: input.workspaceId,
      diff: { after: { label, prefix: row.prefix } },
    });
    return { id: row.id, label, prefix: row.prefix, workspaceId: input.workspaceId, token };
  });
}

export async function listScimTokens(db: Db, workspaceId?: string) {
  return db.scimToken.findMany({
    where: workspaceId ? { workspaceId } : {},
    orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }],
    select: {
      id: true,
      workspaceId: true,
      label: true,
      prefix: true,
      createdAt: true,
      createdBy: true,
      lastUsedAt: true,
      revokedAt: true,
      revokedBy: true,
    },
  });
}

export async function revokeScimToken(db: Db, actor: Actor, id: string) {
  return db.$transaction(async (tx) => {
    const row = await tx.scimToken.findUnique({ where: { id } });
    if (!row) throw new AppError('not_found', 'No such SCIM token.');
    if (row.revokedAt) throw new AppError('conflict', `The token ${row.prefix}… was already revoked.`);
    await tx.scimToken.update({ where: { id }, data: { revokedAt: new Date(), revokedBy: actor.label } });
    await recordAudit(tx, actor, {
      action: 'scim_token.revoke',
      targetType: 'scim_token',
      targetId: id,
      workspaceId: row.workspaceId,
      diff: { before: { label: row.label, prefix: row.prefix } },
    });
    return { label: row.label, prefix: row.prefix };
  });
}

/**
 * The live token matching `presented`, or null. Candidates are found by their clear prefix, then the
 * hashes are compared with timingSafeEqual, so the lookup never races on secret-derived bytes.
 * lastUsedAt is written at most once a minute per token.
 */
export async function verifyScimToken(db: Db, presented: string, now = new Date()): Promise<ScimTokenInfo | null> {
  if (!TOKEN_SHAPE.test(presented)) return null;
  const hash = sha256(presented);
  const candidates = await db.scimToken.findMany({
    where: { prefix: presented.slice(0, PREFIX_LENGTH) },
    select: { id: true, workspaceId: true, label: true, tokenHash: true, revokedAt: true, lastUsedAt: true },
  });
  const match = candidates.find((c) => timingSafeEqual(Buffer.from(c.tokenHash, 'hex'), hash));
  if (!match || match.revokedAt) return null;
  if (!match.lastUsedAt || now.getTime() - match.lastUsedAt.getTime() > 60_000) {
    await db.scimToken.update({ where: { id: match.id }, data: { lastUsedAt: now } });
  }
  return { id: match.id, workspaceId: match.workspaceId, label: match.label };
}
