// What SCIM writes leave behind besides the rows: the version of each changed member/group (the
// roster's history), the audit diff shapes, and the findings brought back in step.
import type { Tx } from '@/lib/db.ts';

export type MemberSnapshot = {
  email: string;
  userName: string;
  name: string | null;
  externalId: string | null;
  status: string;
  workspaceRole: string | null;
  directAgentRoles: string[];
  identitySource: string;
};

export function memberSnapshot(m: MemberSnapshot): MemberSnapshot {
  return {
    email: m.email,
    userName: m.userName,
    name: m.name,
    externalId: m.externalId,
    status: m.status,
    workspaceRole: m.workspaceRole,
    directAgentRoles: m.directAgentRoles,
    identitySource: m.identitySource,
  };
}

export type GroupSnapshot = {
  displayName: string;
  externalId: string | null;
  source: string;
  members: { id: string; email: string }[];
};

/** A group's state with its members (sorted by email), as versioned. */
export async function groupSnapshot(tx: Tx, groupId: string): Promise<GroupSnapshot> {
  const group = await tx.group.findUniqueOrThrow({
    where: { id: groupId },
    select: {
      displayName: true,
      externalId: true,
      source: true,
      members: { select: { member: { select: { id: true, email: true } } } },
    },
  });
  const members = group.members.map((gm) => gm.member).sort((a, b) => a.email.localeCompare(b.email));
  return { displayName: group.displayName, externalId: group.externalId, source: group.source, members };
}

/** SCIM writes of one workspace queue behind each other, so the uniqueness checks cannot race. */
export async function lockWorkspace(tx: Tx, workspaceId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`scim:${workspaceId}`}))`;
}

// Versions are written by the roster's own helpers, so a member or group version has one shape whichever
// path (SCIM, CSV import, attestation) changed it: members with their groups, groups with their members.
export { versionGroups, versionMembers } from '@/lib/roster/versions.ts';

/**
 * Re-evaluates the findings at the end of a SCIM write, in its transaction (a roster change can open or resolve them).
 */
export { syncFindings } from '@/lib/findings/sync.ts';
