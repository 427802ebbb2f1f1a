// What a members export would change in the roster, pure. SCIM wins for identity and groups: for a
// member the IdP provisions (identitySource 'scim'), the CSV sets only the workspace role and the direct
// agent roles, and the rest is reported as a disagreement left to SCIM. For a member only the CSV knows,
// the CSV sets everything. A full export marks CSV-sourced members it no longer lists as removed.
import type { MemberRow } from '@/lib/roster/members-csv.ts';

export type ExistingMember = {
  id: string;
  email: string;
  name: string | null;
  workspaceRole: string | null;
  status: string;
  directAgentRoles: string[];
  identitySource: string;
  /** Group display names. */
  groups: string[];
};

export type MemberField = 'name' | 'workspaceRole' | 'status' | 'groups' | 'directAgentRoles';
export type MemberChange = { field: MemberField; from: string | string[] | null; to: string | string[] | null };

export type RosterDiff = {
  created: MemberRow[];
  changed: { row: MemberRow; existing: ExistingMember; changes: MemberChange[] }[];
  unchanged: number;
  /** CSV-sourced members a full export no longer lists: marked removed, never deleted. */
  removed: ExistingMember[];
  /** SCIM members where the CSV says something else about identity or groups (SCIM kept). */
  scimKept: { email: string; fields: MemberField[] }[];
};

const sameSet = (a: string[], b: string[]) => {
  const fold = (xs: string[]) => [...new Set(xs.map((x) => x.toLowerCase()))].sort().join('\u0000');
  return fold(a) === fold(b);
};

/** `listedEmails`: emails on invalid rows — still listed by the export, so never marked removed. */
export function diffRoster(
  existing: Map<string, ExistingMember>,
  rows: MemberRow[],
  fullExport: boolean,
  listedEmails: Iterable<string> = [],
): RosterDiff {
  const diff: RosterDiff = { created: [], changed: [], unchanged: 0, removed: [], scimKept: [] };
  const seen = new Set<string>(listedEmails);
  for (const row of rows) {
    seen.add(row.email);
    const member = existing.get(row.email);
    if (!member) {
      diff.created.push(row);
      continue;
    }
    const scim = member.identitySource === 'scim';
    const changes: MemberChange[] = [];
    if (row.role !== member.workspaceRole)
      changes.push({ field: 'workspaceRole', from: member.workspaceRole, to: row.role });
    if (!sameSet(row.agentRoles, member.directAgentRoles))
      changes.push({ field: 'directAgentRoles', from: member.directAgentRoles, to: row.agentRoles });
    const identity: MemberChange[] = [];
    if (row.name !== null && row.name !== member.name)
      identity.push({ field: 'name', from: member.name, to: row.name });
    if (row.status !== member.status) identity.push({ field: 'status', from: member.status, to: row.status });
    if (!sameSet(row.groups, member.groups)) identity.push({ field: 'groups', from: member.groups, to: row.groups });
    if (scim) {
      if (identity.length) diff.scimKept.push({ email: row.email, fields: identity.map((c) => c.field) });
    } else changes.push(...identity);
    if (changes.length) diff.changed.push({ row, existing: member, changes });
    else diff.unchanged++;
  }
  if (fullExport)
    for (const member of existing.values())
      if (member.identitySource !== 'scim' && member.status !== 'removed' && !seen.has(member.email))
        diff.removed.push(member);
  return diff;
}
