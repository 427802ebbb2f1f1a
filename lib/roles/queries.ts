// Reads of agent roles, baseline and observed. No service imports: findings and the pages read roles
// through here without pulling in the writers (which sync findings, which read roles).
import type { Db, Tx } from '@/lib/db.ts';
import { compareRoles } from './compare.ts';
import { defaultBaselineRoles, specFromRow, type RoleSpec, type Side } from './dimensions.ts';

type Reader = Db | Tx;

export const ROLE_SELECT = {
  id: true,
  name: true,
  description: true,
  groupName: true,
  useAgents: true,
  buildAgents: true,
  publishAgents: true,
  publishWithSharedConnections: true,
  enableSlackBot: true,
  updatedAt: true,
  updatedBy: true,
} as const;

/** Default roles first, in the guide's order, then the others by name. */
export function sortRoles<T extends { name: string }>(roles: T[]): T[] {
  const order = defaultBaselineRoles().map((r) => r.name);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return [...roles].sort((a, b) => rank(a.name) - rank(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function rowsOf(db: Reader, workspaceId: string, side: Side) {
  return sortRoles(await db.agentRole.findMany({ where: { workspaceId, side }, select: ROLE_SELECT }));
}

/** The approved role layout: the stored rows once edited, else the guide's default. */
export async function baselineRoles(db: Reader, workspaceId: string): Promise<RoleSpec[]> {
  const rows = await rowsOf(db, workspaceId, 'baseline');
  return rows.length > 0 ? rows.map(specFromRow) : defaultBaselineRoles();
}

/** The workspace's roles as last imported (empty until an observed export is uploaded). */
export async function observedRoles(db: Reader, workspaceId: string): Promise<RoleSpec[]> {
  return (await rowsOf(db, workspaceId, 'observed')).map(specFromRow);
}

/** Both sides with who changed them last, for the Roles page. */
export async function roleMatrix(db: Reader, workspaceId: string) {
  const [baselineRows, observedRows] = await Promise.all([
    rowsOf(db, workspaceId, 'baseline'),
    rowsOf(db, workspaceId, 'observed'),
  ]);
  const baseline = baselineRows.length > 0 ? baselineRows.map(specFromRow) : defaultBaselineRoles();
  const observed = observedRows.map(specFromRow);
  const lastChange = (rows: typeof baselineRows) =>
    rows.reduce<{ at: Date; by: string } | null>(
      (m, r) => (!m || r.updatedAt > m.at ? { at: r.updatedAt, by: r.updatedBy } : m),
      null,
    );
  return {
    baseline,
    baselineIsDefault: baselineRows.length === 0,
    baselineChanged: lastChange(baselineRows),
    observed,
    observedChanged: lastChange(observedRows),
    departures: observedRows.length > 0 ? compareRoles(baseline, observed, { groups: true }) : [],
  };
}

/** Active members of each group (by display name): how many people a role mapped to it reaches. */
export async function groupMemberCounts(
  db: Reader,
  workspaceId: string,
  groupNames: string[],
): Promise<Map<string, number>> {
  const names = [...new Set(groupNames)];
  if (names.length === 0) return new Map();
  const groups = await db.group.findMany({
    where: { workspaceId, displayName: { in: names } },
    select: { displayName: true, _count: { select: { members: { where: { member: { status: 'active' } } } } } },
  });
  return new Map(groups.map((g) => [g.displayName, g._count.members]));
}

/** Active members holding each role directly (CSV agent_roles), not through a group. */
export async function directAssignmentCounts(
  db: Reader,
  workspaceId: string,
  roleNames: string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const name of new Set(roleNames)) {
    out.set(name, await db.member.count({ where: { workspaceId, status: 'active', directAgentRoles: { has: name } } }));
  }
  return out;
}

/** The workspace's SCIM groups by display name (the roles page offers them for a role's group), at most 500. */
export function workspaceGroups(db: Db, workspaceId: string) {
  return db.group.findMany({
    where: { workspaceId },
    select: { displayName: true },
    orderBy: { displayName: 'asc' },
    take: 500,
  });
}
