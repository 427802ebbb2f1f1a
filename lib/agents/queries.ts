// Reading the inventory: the filtered, sorted page; the fleet at a glance; one agent with its history.
import { containsText } from '@/lib/db/text-match.ts';
import type { Db } from '@/lib/db.ts';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import type { AgentFilter, AgentKind } from './filter.ts';
import { orphanedOwnerEmails } from '@/lib/roster/orphans.ts';
import { acceptedAgentIds, resolvedState } from '@/lib/exceptions/acceptances.ts';

// `accepted`: agents whose trifecta exception is in force now (acceptedAgentIds). The stored state can lag
// behind an exception's expiry (no write happens at the review instant), so exposed/accepted are decided here.
export function agentWhere(
  workspaceId: string,
  f: AgentFilter,
  accepted: string[] = [],
  orphanOwners: string[] = [],
): Prisma.AgentWhereInput {
  const and: Prisma.AgentWhereInput[] = [{ workspaceId }];
  if (f.q)
    and.push({
      OR: [{ name: containsText(f.q) }, { externalId: containsText(f.q) }, { ownerEmail: containsText(f.q) }],
    });
  if (f.kind) and.push({ kind: f.kind });
  if (f.status) and.push({ status: f.status });
  if (f.state === 'accepted' || f.state === 'exposed')
    and.push({
      effectiveState: { in: ['exposed', 'accepted'] },
      id: f.state === 'accepted' ? { in: accepted } : { notIn: accepted },
    });
  else if (f.state) and.push({ effectiveState: f.state });
  if (f.legs !== undefined) and.push({ legCount: f.legs });
  if (f.owner) and.push({ ownerEmail: f.owner.toLowerCase() });
  if (f.app) and.push({ appIds: { has: f.app } });
  if (f.show === 'listed') and.push({ inLatestExport: true });
  if (f.show === 'missing') and.push({ inLatestExport: false });
  if (f.show === 'orphaned') and.push({ ownerEmail: { in: orphanOwners } });
  if (f.show === 'unclassified')
    and.push({ OR: [{ unknownApps: { isEmpty: false } }, { unclassifiedMcp: { isEmpty: false } }] });
  return { AND: and };
}

function orderBy(f: AgentFilter): Prisma.AgentOrderByWithRelationInput[] {
  const dir = f.dir;
  const by: Record<AgentFilter['sort'], Prisma.AgentOrderByWithRelationInput[]> = {
    legs: [{ legCount: dir }, { trifecta: dir }, { name: 'asc' }],
    name: [{ name: dir }],
    owner: [{ ownerEmail: dir }, { name: 'asc' }],
    status: [{ status: dir }, { name: 'asc' }],
    updated: [{ updatedAt: dir }],
    id: [{ externalId: dir }],
  };
  return [...by[f.sort], { id: 'asc' }];
}

export const AGENT_ROW_SELECT = {
  externalId: true,
  kind: true,
  name: true,
  ownerEmail: true,
  status: true,
  appIds: true,
  unknownApps: true,
  unclassifiedMcp: true,
  legs: true,
  legCount: true,
  trifecta: true,
  effectiveState: true,
  inLatestExport: true,
  updatedAt: true,
  breakApps: true,
} satisfies Prisma.AgentSelect;

export async function listAgents(db: Db, workspaceId: string, f: AgentFilter) {
  const accepted = await acceptedAgentIds(db, workspaceId, new Date());
  const where = agentWhere(
    workspaceId,
    f,
    accepted,
    f.show === 'orphaned' ? await orphanedOwnerEmails(db, workspaceId) : [],
  );
  const [rows, total] = await Promise.all([
    db.agent.findMany({
      where,
      orderBy: orderBy(f),
      skip: (f.page - 1) * f.size,
      take: f.size,
      select: { ...AGENT_ROW_SELECT, id: true },
    }),
    db.agent.count({ where }),
  ]);
  const set = new Set(accepted);
  return {
    rows: rows.map(({ id, ...r }) => ({ ...r, effectiveState: resolvedState(id, r.effectiveState, set) })),
    total,
  };
}

/** Every matching agent in export order, in batches (for CSV export). */
export async function* agentsForExport(db: Db, workspaceId: string, f: AgentFilter) {
  const accepted = await acceptedAgentIds(db, workspaceId, new Date());
  const where = agentWhere(
    workspaceId,
    f,
    accepted,
    f.show === 'orphaned' ? await orphanedOwnerEmails(db, workspaceId) : [],
  );
  const set = new Set(accepted);
  for (let skip = 0; ; skip += 2000) {
    const batch = await db.agent.findMany({
      where,
      orderBy: orderBy(f),
      skip,
      take: 2000,
      select: { ...AGENT_ROW_SELECT, id: true, apps: true, configHash: true },
    });
    yield* batch.map(({ id, ...r }) => ({ ...r, effectiveState: resolvedState(id, r.effectiveState, set) }));
    if (batch.length < 2000) return;
  }
}

/** The fleet at a glance, over agents in the latest inventory that are not deleted; for one kind when the page is
 *  filtered to it, so the figures match the list below. */
export async function fleetSummary(db: Db, workspaceId: string, kind?: AgentKind) {
  const current: Prisma.AgentWhereInput = {
    workspaceId,
    inLatestExport: true,
    NOT: { status: 'deleted' },
    ...(kind ? { kind } : {}),
  };
  const [byLegs, byState, completing, unclassified, missing, accepted] = await Promise.all([
    db.agent.groupBy({ by: ['legCount'], where: current, _count: { _all: true } }),
    db.agent.groupBy({ by: ['effectiveState'], where: current, _count: { _all: true } }),
    db.$queryRaw<{ app: string; agents: bigint }[]>`
      SELECT app, count(*) AS agents FROM "Agent", unnest("breakApps") AS app
      WHERE "workspaceId" = ${workspaceId} AND trifecta AND "inLatestExport" AND status <> 'deleted'
        AND (${kind ?? null}::text IS NULL OR kind = ${kind ?? null})
      GROUP BY app ORDER BY agents DESC, app ASC LIMIT 6`,
    db.agent.count({
      where: { ...current, OR: [{ unknownApps: { isEmpty: false } }, { unclassifiedMcp: { isEmpty: false } }] },
    }),
    db.agent.count({ where: { workspaceId, inLatestExport: false, ...(kind ? { kind } : {}) } }),
    acceptedAgentIds(db, workspaceId, new Date()).then((ids) =>
      db.agent.count({ where: { ...current, id: { in: ids } } }),
    ),
  ]);
  const legs = [0, 1, 2, 3].map((n) => byLegs.find((g) => g.legCount === n)?._count._all ?? 0);
  const state = (s: string) => byState.find((g) => g.effectiveState === s)?._count._all ?? 0;
  return {
    total: legs.reduce((a, b) => a + b, 0),
    legs,
    exposed: state('exposed') + state('accepted') - accepted,
    mitigated: state('mitigated'),
    accepted,
    completing: completing.map((c) => ({ app: c.app, agents: Number(c.agents) })),
    unclassified,
    missing,
  };
}

/** How many of each kind the inventory holds (not deleted), so a reviewer sees both fleets at a glance. */
export async function kindCounts(db: Db, workspaceId: string): Promise<Record<AgentKind, number>> {
  const rows = await db.agent.groupBy({
    by: ['kind'],
    where: { workspaceId, NOT: { status: 'deleted' } },
    _count: { _all: true },
  });
  const count = (k: AgentKind) => rows.find((r) => r.kind === k)?._count._all ?? 0;
  return { workspace_agent: count('workspace_agent'), custom_gpt: count('custom_gpt') };
}

export async function getAgent(db: Db, workspaceId: string, externalId: string) {
  return db.agent.findUnique({
    where: { workspaceId_externalId: { workspaceId, externalId } },
    select: {
      ...AGENT_ROW_SELECT,
      id: true,
      kind: true,
      apps: true,
      connectors: true,
      configHash: true,
      firstSeenAt: true,
      history: {
        orderBy: { id: 'desc' },
        take: 200,
        select: { id: true, at: true, kind: true, detail: true, importId: true },
      },
    },
  });
}

/** Apps in use by the workspace's agents, for the app filter. */
export async function appsInUse(db: Db, workspaceId: string) {
  const rows = await db.$queryRaw<{ app: string; agents: bigint }[]>`
    SELECT app, count(*) AS agents FROM "Agent", unnest("appIds") AS app
    WHERE "workspaceId" = ${workspaceId} GROUP BY app ORDER BY app`;
  return rows.map((r) => ({ app: r.app, agents: Number(r.agents) }));
}

/** An agent's ten latest runs (newest first, unstarted last) and how many it has. */
export function recentAgentRuns(db: Db, workspaceId: string, externalId: string) {
  const where = { workspaceId, agentId: externalId };
  return Promise.all([
    db.agentRun.findMany({ where, orderBy: { startedAt: { sort: 'desc', nulls: 'last' } }, take: 10 }),
    db.agentRun.count({ where }),
  ]);
}

type AgentRef = { id: string; name: string; externalId: string; status: string };
const AGENT_REF = { id: true, name: true, externalId: true, status: true } as const;

/** One agent of the workspace by its id, as a reference (the runbook's drill agent). */
export function agentRef(db: Db, workspaceId: string, id: string): Promise<AgentRef | null> {
  return db.agent.findFirst({ where: { id, workspaceId }, select: AGENT_REF });
}

/** The workspace's agents that are not deleted, by name, as references (the runbook's drill agent choice). */
export function liveAgentRefs(db: Db, workspaceId: string): Promise<AgentRef[]> {
  return db.agent.findMany({
    where: { workspaceId, status: { not: 'deleted' } },
    orderBy: { name: 'asc' },
    select: AGENT_REF,
  });
}
