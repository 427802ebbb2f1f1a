// Orphaned agents: an agent whose owner is on the workspace roster as deactivated or removed.
// An owner absent from the roster does not count: the roster may be partial (SCIM scoped to some
// groups, a partial export), and an owner who was on it and left is already marked removed.
import type { Db, Tx } from '@/lib/db.ts';

export const ORPHANING_STATUSES = ['deactivated', 'removed'] as const;

/**
 * Owner emails (as agents store them) whose member is deactivated or removed; joined in SQL on workspace and
 * lower(email).
 */
export async function orphanedOwnerEmails(db: Db | Tx, workspaceId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ ownerEmail: string }[]>`
    SELECT DISTINCT a."ownerEmail" FROM "Agent" a
    JOIN "Member" m ON m."workspaceId" = a."workspaceId" AND m.email = lower(a."ownerEmail")
    WHERE a."workspaceId" = ${workspaceId} AND m.status IN ('deactivated', 'removed')`;
  return rows.map((r) => r.ownerEmail);
}

export type OwnerStanding =
  | { kind: 'orphaned'; status: string; name: string | null }
  | { kind: 'active'; name: string | null }
  | { kind: 'not_on_roster' }
  | { kind: 'no_roster' };

/** What the roster says about an agent's owner, for the agent page. */
export async function ownerStanding(db: Db | Tx, workspaceId: string, ownerEmail: string): Promise<OwnerStanding> {
  const member = await db.member.findUnique({
    where: { workspaceId_email: { workspaceId, email: ownerEmail.toLowerCase() } },
    select: { status: true, name: true },
  });
  if (member)
    return (ORPHANING_STATUSES as readonly string[]).includes(member.status)
      ? { kind: 'orphaned', status: member.status, name: member.name }
      : { kind: 'active', name: member.name };
  return (await db.member.count({ where: { workspaceId }, take: 1 })) > 0
    ? { kind: 'not_on_roster' }
    : { kind: 'no_roster' };
}
