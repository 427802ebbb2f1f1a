// Re-attesting workspace owners and admins (1.4): a named person confirms they still need the role.
import type { Db, Tx } from '@/lib/db.ts';
import { recordAudit, type Actor } from '@/lib/audit/record.ts';
import { syncFindings as syncAllFindings } from '@/lib/findings/sync.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { needsAttestation } from './attestation.ts';
import { versionMembers } from './versions.ts';

export type SyncFindings = (tx: Tx, workspaceId: string, now: Date, actor: Actor) => Promise<unknown>;

/** All or nothing: every id must be an active owner or admin of the workspace. */
export async function attestMembers(
  db: Db,
  actor: Actor,
  workspaceId: string,
  memberIds: string[],
  options: { now?: Date; syncFindings?: SyncFindings } = {},
) {
  const ids = [...new Set(memberIds)];
  if (ids.length === 0) throw new AppError('unprocessable', 'Choose at least one owner or admin to re-attest.');
  if (ids.length > 5000) throw new AppError('unprocessable', 'Re-attest at most 5,000 people at once.');
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`roster:${workspaceId}`}))`;
    // And SCIM's lock (lib/scim/records.ts): no SCIM write lands between the checks below and the writes.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`scim:${workspaceId}`}))`;
    const members = await tx.member.findMany({
      where: { workspaceId, id: { in: ids } },
      select: { id: true, email: true, workspaceRole: true, status: true, attestedAt: true },
    });
    if (members.length !== ids.length)
      throw new AppError('not_found', 'Some of these people are not on this workspace’s roster.');
    const refused = members.filter((m) => !needsAttestation(m));
    if (refused.length) {
      const named = refused
        .slice(0, 5)
        .map((m) => m.email)
        .join(', ');
      throw new AppError(
        'unprocessable',
        `Only active owners and admins are re-attested: ${named}` +
          `${refused.length > 5 ? ` and ${refused.length - 5} more` : ''} ${refused.length === 1 ? 'is' : 'are'} ` +
          'not. Nothing was attested.',
      );
    }
    // Not a SCIM change: version (the SCIM ETag) and updatedAt (the import fingerprint) stay as they are.
    await tx.member.updateMany({ where: { id: { in: ids } }, data: { attestedAt: now, attestedBy: actor.label } });
    await versionMembers(tx, workspaceId, ids, now);
    await (options.syncFindings ?? syncAllFindings)(tx, workspaceId, now, actor);
    const emails = members.map((m) => m.email).sort();
    await recordAudit(tx, actor, {
      action: 'roster.attest',
      targetType: 'member',
      targetId: ids.length === 1 ? ids[0]! : null,
      workspaceId,
      diff: {
        attestedAt: now.toISOString(),
        attestedBy: actor.label,
        count: ids.length,
        members: emails.slice(0, 200),
      },
    });
    return { attested: ids.length, emails };
  });
}
