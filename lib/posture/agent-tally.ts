// Every agent count the posture reads, without a pass over the agents per count (issue 20: 1M agents). Each count
// used to be its own scan (total, published, distinct configurations, trifecta states, GPTs): five passes over a
// million rows. The counts by status, state, kind and listing come from the counters the Agent triggers keep
// (AgentTally, lib/agents/counts.ts), and the published agents per configuration hash from AgentConfigTally (kept by
// the same kind of triggers), so the approval-gate check sums the agents of the ungated configurations instead of
// reading 500k published agents.
import type { Db, Tx } from '@/lib/db.ts';

export type TallyGroup = { status: string; state: string; kind: string; listed: boolean; n: number };

export type AgentTally = {
  groups: TallyGroup[];
  /** Configuration hash → how many published agents have it. */
  published: Map<string, number>;
};

// The configuration counters last read per workspace, with the version row ('') they were read at: while the
// version has not moved (no statement changed a published agent's configuration since), they are what a new read
// would give.
type Counters = { version: number; published: Map<string, number> };
const shared = globalThis as { __tollgateConfigTally?: Map<string, Counters> };
shared.__tollgateConfigTally ??= new Map();
const kept = shared.__tollgateConfigTally;

async function publishedByConfiguration(db: Db | Tx, workspaceId: string): Promise<Map<string, number>> {
  const version = async () =>
    (
      await db.$queryRaw<{ agents: number }[]>`SELECT agents FROM "AgentConfigTally"
        WHERE "workspaceId" = ${workspaceId} AND "configHash" = ''`
    )[0]?.agents ?? 0;
  // Inside a transaction the version may count the transaction's own statements, which may yet roll back: not kept.
  const outside = '$transaction' in db;
  const known = outside ? kept.get(workspaceId) : undefined;
  if (known && known.version === (await version())) return known.published;
  // The version and the counters in one statement, so one snapshot: the counters are those of that version. Sent back
  // as one JSON object (57k configurations at 1M agents, where as many rows cost more to transfer).
  const [row] = await db.$queryRaw<{ version: number | null; hashes: Record<string, number> | null }[]>`
    SELECT (SELECT agents FROM "AgentConfigTally" WHERE "workspaceId" = ${workspaceId} AND "configHash" = '')
        AS version,
      (SELECT json_object_agg("configHash", agents) FROM "AgentConfigTally"
        WHERE "workspaceId" = ${workspaceId} AND "configHash" <> '' AND agents > 0) AS hashes`;
  const published = new Map(Object.entries(row?.hashes ?? {}));
  if (outside) kept.set(workspaceId, { version: row?.version ?? 0, published });
  return published;
}

export async function agentTally(db: Db | Tx, workspaceId: string): Promise<AgentTally> {
  const [groups, published] = await Promise.all([
    db.$queryRaw<TallyGroup[]>`
      SELECT status, "effectiveState" AS state, kind, "inLatestExport" AS listed, sum(agents)::int AS n
      FROM "AgentTally" WHERE "workspaceId" = ${workspaceId} AND agents <> 0 GROUP BY 1, 2, 3, 4`,
    publishedByConfiguration(db, workspaceId),
  ]);
  return { groups, published };
}

/** How many agents of the tally match. */
export function tallyCount(tally: AgentTally, match: (g: TallyGroup) => boolean): number {
  return tally.groups.reduce((sum, g) => (match(g) ? sum + g.n : sum), 0);
}
