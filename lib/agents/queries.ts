// Reading the inventory: the filtered, sorted page; the fleet at a glance; one agent with its history.
import { containsText } from '@/lib/db/text-match.ts';
import type { Db } from '@/lib/db.ts';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import type { AgentFilter, AgentKind } from './filter.ts';
import { orphanedOwnerEmails } from '@/lib/roster/orphans.ts';
import { acceptedAgentIds, resolvedState } from '@/lib/exceptions/acceptances.ts';
import {
  agentTallies,
  appTallies,
  COUNT_CAP,
  isCurrent,
  sumAgents,
  type Tally,
  tallyAnswers,
  tallyMatches,
} from './counts.ts';

/** Reads several of the page's figures share: the counters and the agents accepted now, read once per request. */
type Shared = { tallies: Tally[]; accepted: string[] };
type AppTally = Awaited<ReturnType<typeof appTallies>>[number];

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
    name: [{ name: dir }, { id: dir }],
    owner: [{ ownerEmail: dir }, { name: 'asc' }],
    status: [{ status: dir }, { name: 'asc' }],
    updated: [{ updatedAt: dir }, { id: dir }],
    id: [{ externalId: dir }],
  };
  // The last key makes the order total; for name and updated it follows the direction, so one index (read either
  // way) serves both (prisma/schema.prisma's indexes for the Agents page).
  return [...by[f.sort], ...(f.sort === 'name' || f.sort === 'updated' ? [] : [{ id: 'asc' as const }])];
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

export async function listAgents(db: Db, workspaceId: string, f: AgentFilter, shared?: Shared) {
  const accepted = shared?.accepted ?? (await acceptedAgentIds(db, workspaceId, new Date()));
  const where = agentWhere(
    workspaceId,
    f,
    accepted,
    f.show === 'orphaned' ? await orphanedOwnerEmails(db, workspaceId) : [],
  );
  const [ids, count] = await Promise.all([
    // The page's ids first, from the sort's index alone (it holds the filter columns), then their rows: a page
    // deep in the list skips index entries, not whole rows.
    db.agent.findMany({ where, orderBy: orderBy(f), skip: (f.page - 1) * f.size, take: f.size, select: { id: true } }),
    countAgents(db, workspaceId, f, accepted, where, shared?.tallies),
  ]);
  const found = await db.agent.findMany({
    where: { id: { in: ids.map((r) => r.id) } },
    select: { ...AGENT_ROW_SELECT, id: true },
  });
  const byId = new Map(found.map((r) => [r.id, r]));
  const set = new Set(accepted);
  return {
    rows: ids.flatMap(({ id }) => {
      const r = byId.get(id);
      if (!r) return []; // deleted between the two reads
      const { id: _, ...row } = r;
      return [{ ...row, effectiveState: resolvedState(id, r.effectiveState, set) }];
    }),
    ...count,
  };
}

/** How many agents match: from the counters when they answer the filter (exact), else by counting the rows up to
 *  COUNT_CAP (`capped`: more match than that). */
async function countAgents(
  db: Db,
  workspaceId: string,
  f: AgentFilter,
  accepted: string[],
  where: Prisma.AgentWhereInput,
  tallies?: Tally[],
): Promise<{ total: number; capped: boolean }> {
  if (!tallyAnswers(f)) {
    const n = await db.agent.count({ where, take: COUNT_CAP + 1 });
    return { total: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
  }
  const stored = sumAgents(tallies ?? (await agentTallies(db, workspaceId)), (t) => tallyMatches(t, f));
  if (f.state !== 'exposed' && f.state !== 'accepted') return { total: stored, capped: false };
  // The counters hold exposed and accepted together; the exceptions in force now split them.
  const inForce = accepted.length
    ? await db.agent.count({
        where: { AND: [agentWhere(workspaceId, { ...f, state: undefined }), { id: { in: accepted } }] },
      })
    : 0;
  return { total: f.state === 'accepted' ? inForce : stored - inForce, capped: false };
}

/** The API's page of the inventory: the same filters, in agent-id order after `after` (keyset, so rows inserted
 *  while a client pages neither repeat nor shift a page), `take` rows. */
export async function agentsAfter(db: Db, workspaceId: string, f: AgentFilter, after: string | null, take: number) {
  const accepted = await acceptedAgentIds(db, workspaceId, new Date());
  const where = agentWhere(
    workspaceId,
    f,
    accepted,
    f.show === 'orphaned' ? await orphanedOwnerEmails(db, workspaceId) : [],
  );
  const rows = await db.agent.findMany({
    where: after === null ? where : { AND: [where, { externalId: { gt: after } }] },
    orderBy: { externalId: 'asc' },
    take,
    select: { ...AGENT_ROW_SELECT, id: true },
  });
  const set = new Set(accepted);
  return rows.map(({ id, ...r }) => ({ ...r, effectiveState: resolvedState(id, r.effectiveState, set) }));
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

/** Everything the Agents page shows for a filter: its page of rows and count, the fleet at a glance, the app
 *  filter's list and the kind tabs — reading the counters, the per-app counters and the exceptions in force once
 *  (each figure read them again before: a Node process's work per request is what the page's load is bound by). */
export async function agentsPage(db: Db, workspaceId: string, f: AgentFilter) {
  const [tallies, allApps, kindApps, accepted] = await Promise.all([
    agentTallies(db, workspaceId),
    appTallies(db, workspaceId),
    f.kind ? appTallies(db, workspaceId, f.kind) : null,
    acceptedAgentIds(db, workspaceId, new Date()),
  ]);
  const shared = { tallies, accepted };
  const [list, summary] = await Promise.all([
    listAgents(db, workspaceId, f, shared),
    fleetSummary(db, workspaceId, f.kind, { ...shared, apps: kindApps ?? allApps }),
  ]);
  return { ...list, summary, apps: usedApps(allApps), kinds: kindsOf(tallies) };
}

/** The fleet at a glance, over agents in the latest inventory that are not deleted; for one kind when the page is
 *  filtered to it, so the figures match the list below. */
export async function fleetSummary(
  db: Db,
  workspaceId: string,
  kind?: AgentKind,
  shared?: Shared & { apps: AppTally[] },
) {
  const current: Prisma.AgentWhereInput = {
    workspaceId,
    inLatestExport: true,
    NOT: { status: 'deleted' },
    ...(kind ? { kind } : {}),
  };
  const [all, apps, accepted] = await Promise.all([
    shared?.tallies ?? agentTallies(db, workspaceId),
    shared?.apps ?? appTallies(db, workspaceId, kind),
    (shared ? Promise.resolve(shared.accepted) : acceptedAgentIds(db, workspaceId, new Date())).then((ids) =>
      ids.length ? db.agent.count({ where: { ...current, id: { in: ids } } }) : 0,
    ),
  ]);
  const tallies = all.filter((t) => (!kind || t.kind === kind) && isCurrent(t));
  const legs = [0, 1, 2, 3].map((n) => sumAgents(tallies, (t) => t.legCount === n));
  const state = (s: string) => sumAgents(tallies, (t) => t.effectiveState === s);
  const completing = apps
    .filter((a) => a.completing > 0)
    .sort((a, b) => b.completing - a.completing) // stable: ties stay by app
    .slice(0, 6)
    .map((a) => ({ app: a.app, agents: a.completing }));
  const unclassified = sumAgents(tallies, (t) => t.unclassified);
  const missing = sumAgents(all, (t) => (!kind || t.kind === kind) && !t.inLatestExport);
  return {
    total: legs.reduce((a, b) => a + b, 0),
    legs,
    exposed: state('exposed') + state('accepted') - accepted,
    mitigated: state('mitigated'),
    accepted,
    completing,
    unclassified,
    missing,
  };
}

/** How many of each kind the inventory holds (not deleted), so a reviewer sees both fleets at a glance. */
export async function kindCounts(db: Db, workspaceId: string): Promise<Record<AgentKind, number>> {
  return kindsOf(await agentTallies(db, workspaceId));
}

function kindsOf(tallies: Tally[]): Record<AgentKind, number> {
  const count = (k: AgentKind) => sumAgents(tallies, (t) => t.kind === k && t.status !== 'deleted');
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
  return usedApps(await appTallies(db, workspaceId));
}

const usedApps = (rows: AppTally[]) => rows.filter((r) => r.agents > 0).map((r) => ({ app: r.app, agents: r.agents }));

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
