// The Agents page's figures from the counters that triggers on "Agent" keep (migration agent_tallies): a read sums
// a few hundred rows of AgentTally / AgentAppTally instead of scanning the inventory (a million agents: seconds).
// Exact, not estimated. Only a filter the counters do not split by (search text, owner, app, orphaned owners)
// counts the matching rows themselves, up to COUNT_CAP.
import type { Db } from '@/lib/db.ts';
import type { AgentFilter, AgentKind } from './filter.ts';

export type Tally = {
  kind: string;
  status: string;
  effectiveState: string;
  legCount: number;
  inLatestExport: boolean;
  unclassified: boolean;
  agents: number;
};

/** Beyond this many matches, a count that must read the rows stops and the page says "more than". */
export const COUNT_CAP = 10_000;

export function agentTallies(db: Db, workspaceId: string): Promise<Tally[]> {
  return db.agentTally.findMany({
    where: { workspaceId, agents: { not: 0 } },
    select: {
      kind: true,
      status: true,
      effectiveState: true,
      legCount: true,
      inLatestExport: true,
      unclassified: true,
      agents: true,
    },
  });
}

/** Whether the counters answer this filter: every field it sets is one they are split by. */
export function tallyAnswers(f: AgentFilter): boolean {
  return !f.q && !f.owner && !f.app && f.show !== 'orphaned';
}

/** Whether one counter's agents pass the filter, leaving the exposed/accepted split (decided per agent) aside:
 *  `exposed` and `accepted` both take the counters stored as either. */
export function tallyMatches(t: Tally, f: AgentFilter): boolean {
  if (f.kind && t.kind !== f.kind) return false;
  if (f.status && t.status !== f.status) return false;
  if (f.state === 'exposed' || f.state === 'accepted') {
    if (t.effectiveState !== 'exposed' && t.effectiveState !== 'accepted') return false;
  } else if (f.state && t.effectiveState !== f.state) return false;
  if (f.legs !== undefined && t.legCount !== f.legs) return false;
  if (f.show === 'listed' && !t.inLatestExport) return false;
  if (f.show === 'missing' && t.inLatestExport) return false;
  if (f.show === 'unclassified' && !t.unclassified) return false;
  return true;
}

export const sumAgents = (tallies: Tally[], keep: (t: Tally) => boolean) =>
  tallies.reduce((n, t) => (keep(t) ? n + t.agents : n), 0);

/** Not deleted, in the latest inventory: the fleet the page's summary describes. */
export const isCurrent = (t: Tally) => t.inLatestExport && t.status !== 'deleted';

/** Per app, by app: the agents using it, and the current ones (of one kind when given) whose trifecta it completes. */
export async function appTallies(db: Db, workspaceId: string, kind?: AgentKind) {
  // Ordered by app in the database's collation, as the page's app filter lists them.
  const rows = await db.$queryRaw<{ app: string; agents: number; completing: number }[]>`
    SELECT app, sum(agents)::int AS agents, sum(completing)::int AS completing FROM "AgentAppTally"
    WHERE "workspaceId" = ${workspaceId} AND (${kind ?? null}::text IS NULL OR kind = ${kind ?? null})
    GROUP BY app ORDER BY app`;
  return rows;
}
