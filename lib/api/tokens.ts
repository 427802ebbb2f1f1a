// API tokens (docs/decisions/0028): one dashboard role and one workspace or all; shown once, stored as SHA-256;
// expiry required (at most a year); revocable; and only as strong as their owner today — a token stops when its
// owner no longer holds its role or has not signed in for 30 days.
import { createHash, timingSafeEqual } from 'node:crypto';
import { recordAudit, type Actor } from '@/lib/audit/record.ts';
import { ROLE_PERMISSIONS, ROLES, isRole, type Role } from '@/lib/auth/permissions.ts';
import { userRoles } from '@/lib/auth/user-roles.ts';
import type { Db } from '@/lib/db.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { CLEAR_LENGTH, looksLikeApiToken, newApiToken } from './token-format.ts';

export const MAX_TOKEN_DAYS = 365;
export const OWNER_IDLE_DAYS = 30;
const DAY = 86_400_000;

const sha256 = (text: string) => createHash('sha256').update(text).digest();

export type TokenOwner = { id: string; roles: readonly Role[] };

/** True when `held` roles together may do everything `role` may: a token never carries more than its owner. */
export function rolesCover(held: readonly Role[], role: Role): boolean {
  const mine = new Set(held.flatMap((r) => ROLE_PERMISSIONS[r]));
  return ROLE_PERMISSIONS[role].every((p) => mine.has(p));
}

/** "90d", "12w", "6m", "1y" or a number of days → days; anything else, or more than a year, is refused. */
export function parseExpiry(text: string): number {
  const match = /^(\d{1,4})\s*([dwmy]?)$/i.exec(text.trim());
  if (!match)
    throw new AppError('unprocessable', `Expiry "${text}": write a number of days, or e.g. 90d, 12w, 6m, 1y.`);
  const unit = { '': 1, d: 1, w: 7, m: 30, y: 365 }[match[2]!.toLowerCase() as '' | 'd' | 'w' | 'm' | 'y'];
  const days = Number(match[1]) * unit;
  if (days < 1 || days > MAX_TOKEN_DAYS) throw new AppError('unprocessable', 'Expiry: 1 day to 1 year (365 days).');
  return days;
}

export type CreateTokenInput = { role: string; workspaceId: string | null; label: string; days: number };

export async function createApiToken(db: Db, actor: Actor, owner: TokenOwner, input: CreateTokenInput) {
  const label = input.label.trim();
  if (!label || label.length > 80) throw new AppError('unprocessable', 'Label: 1 to 80 characters.');
  if (!isRole(input.role)) throw new AppError('unprocessable', `Role: one of ${ROLES.join(', ')}.`);
  if (!rolesCover(owner.roles, input.role))
    throw new AppError(
      'forbidden',
      `A token cannot carry more than its owner: you do not hold the ${input.role} role.`,
    );
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > MAX_TOKEN_DAYS)
    throw new AppError('unprocessable', 'Expiry: 1 day to 1 year (365 days).');
  const token = newApiToken();
  const expiresAt = new Date(Date.now() + input.days * DAY);
  return db.$transaction(async (tx) => {
    if (input.workspaceId && !(await tx.workspace.findUnique({ where: { id: input.workspaceId } })))
      throw new AppError('not_found', `No workspace with id ${input.workspaceId}.`);
    const row = await tx.apiToken.create({
      data: {
        label,
        role: input.role,
        workspaceId: input.workspaceId,
        ownerId: owner.id,
        expiresAt,
        tokenHash: sha256(token).toString('hex'),
        prefix: token.slice(0, CLEAR_LENGTH),
      },
    });
    await recordAudit(tx, actor, {
      action: 'api_token.create',
      targetType: 'api_token',
      targetId: row.id,
      workspaceId: input.workspaceId,
      diff: { after: { label, prefix: row.prefix, role: input.role, expiresAt: expiresAt.toISOString() } },
    });
    return {
      id: row.id,
      label,
      prefix: row.prefix,
      role: input.role,
      workspaceId: input.workspaceId,
      expiresAt,
      token,
    };
  });
}

/** Revoked by its owner, or by anyone who may manage sessions (admins). */
export async function revokeApiToken(db: Db, actor: Actor, id: string, canRevokeAny: boolean) {
  return db.$transaction(async (tx) => {
    const row = await tx.apiToken.findUnique({ where: { id } });
    if (!row || (!canRevokeAny && row.ownerId !== actor.id)) throw new AppError('not_found', 'No such API token.');
    if (row.revokedAt) throw new AppError('conflict', `The token ${row.prefix}… was already revoked.`);
    await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date(), revokedBy: actor.label } });
    await recordAudit(tx, actor, {
      action: 'api_token.revoke',
      targetType: 'api_token',
      targetId: id,
      workspaceId: row.workspaceId,
      diff: { before: { label: row.label, prefix: row.prefix, role: row.role } },
    });
    return { label: row.label, prefix: row.prefix };
  });
}

export type ApiTokenInfo = {
  id: string;
  label: string;
  prefix: string;
  role: Role;
  workspaceId: string | null;
  owner: { id: string; label: string };
  lastReadAuditAt: Date | null;
};
export type TokenRefusal = 'token-invalid' | 'token-expired' | 'token-revoked' | 'token-owner-inactive';
export type TokenCheck = { ok: true; token: ApiTokenInfo } | { ok: false; reason: TokenRefusal; detail: string };

const refuse = (reason: TokenRefusal, detail: string): TokenCheck => ({ ok: false, reason, detail });

/** The token `presented` names, checked: candidates are found by the clear prefix, then hashes compared in constant
 *  time. Which refusal it is (expired, revoked, owner inactive) is said only for a token that really exists. */
export async function verifyApiToken(db: Db, presented: string, now = new Date()): Promise<TokenCheck> {
  if (!looksLikeApiToken(presented)) return refuse('token-invalid', 'The bearer token is not a Tollgate API token.');
  const hash = sha256(presented);
  const candidates = await db.apiToken.findMany({
    where: { prefix: presented.slice(0, CLEAR_LENGTH) },
    include: { owner: { select: { id: true, email: true, subject: true, groups: true, lastSignInAt: true } } },
  });
  const row = candidates.find((c) => timingSafeEqual(Buffer.from(c.tokenHash, 'hex'), hash));
  if (!row || !isRole(row.role)) return refuse('token-invalid', 'The bearer token is unknown.');
  if (row.revokedAt) return refuse('token-revoked', `The token ${row.prefix}… was revoked.`);
  if (row.expiresAt <= now) return refuse('token-expired', `The token ${row.prefix}… expired.`);
  const { owner } = row;
  const idleSince = now.getTime() - OWNER_IDLE_DAYS * DAY;
  if (!owner.lastSignInAt || owner.lastSignInAt.getTime() < idleSince)
    return refuse('token-owner-inactive', `The token's owner has not signed in for ${OWNER_IDLE_DAYS} days.`);
  if (!rolesCover(userRoles(owner), row.role))
    return refuse('token-owner-inactive', `The token's owner no longer holds the ${row.role} role.`);
  return {
    ok: true,
    token: {
      id: row.id,
      label: row.label,
      prefix: row.prefix,
      role: row.role,
      workspaceId: row.workspaceId,
      owner: { id: owner.id, label: owner.email ?? owner.subject ?? owner.id },
      lastReadAuditAt: row.lastReadAuditAt,
    },
  };
}
