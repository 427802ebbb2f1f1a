// The Agents page's counters against a real PostgreSQL: whatever statements insert, update and delete agents, the
// counters the triggers keep equal a count of the rows; the page's figures read from them equal counting the rows;
// and the page's reads walk an index in the page's order (EXPLAIN), so a million agents are not sorted per request.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db.ts';
import { reviewQueue } from '@/lib/reviews/queue.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { NO_APPS } from '@/test/agent-row.ts';
import { createTestDatabase } from '@/test/db.ts';
import { indexPlan, recordingDb } from '@/test/explain.ts';
import { type AgentFilter, parseAgentFilter } from './filter.ts';
import { agentWhere, appsInUse, fleetSummary, kindCounts, listAgents } from './queries.ts';

const actor = { id: null, label: 'test-admin', role: 'admin' };
const WS = ['ws-tally-a', 'ws-tally-b'];
const APPS = ['gmail', 'slack', 'web-search', 'drive'];
let url: string;
let db: Db;
let serial = 0;

beforeAll(async () => {
  url = await createTestDatabase('tally');
  db = createDb(url);
  for (const id of WS) await createWorkspace(db, actor, { id, name: id, kind: 'workspace', principal: null });
});
afterAll(async () => db?.$disconnect());

const agentShape = fc.record({
  ws: fc.constantFrom(...WS),
  kind: fc.constantFrom('workspace_agent', 'custom_gpt'),
  status: fc.constantFrom('draft', 'published', 'deleted', 'unknown'),
  effectiveState: fc.constantFrom('none', 'exposed', 'mitigated', 'accepted'),
  legCount: fc.integer({ min: 0, max: 3 }),
  inLatestExport: fc.boolean(),
  unknownApps: fc.constantFrom<string[]>([], ['mystery']),
  unclassifiedMcp: fc.constantFrom<string[]>([], ['mcp:x']),
  appIds: fc.subarray(APPS),
  breakApps: fc.subarray(APPS),
});
type Shape = typeof agentShape extends fc.Arbitrary<infer T> ? T : never;
const row = (s: Shape) => ({
  ...NO_APPS,
  workspaceId: s.ws,
  externalId: `agent-${++serial}`,
  name: `Agent ${serial}`,
  ownerEmail: 'owner@acme.example',
  configHash: 'h',
  kind: s.kind,
  status: s.status,
  effectiveState: s.effectiveState,
  legCount: s.legCount,
  trifecta: s.legCount === 3,
  inLatestExport: s.inLatestExport,
  unknownApps: s.unknownApps,
  unclassifiedMcp: s.unclassifiedMcp,
  appIds: s.appIds,
  breakApps: s.breakApps,
});

/** The counters as the triggers left them, and the same counts taken from the rows. */
async function countersAndRows() {
  const key = `"workspaceId", kind, status, "effectiveState", "legCount", "inLatestExport"`;
  const unclassified = `coalesce(cardinality("unknownApps"), 0) > 0 OR coalesce(cardinality("unclassifiedMcp"), 0) > 0`;
  const [tallied, counted, appsTallied, appsCounted] = await Promise.all([
    db.$queryRawUnsafe(
      `SELECT ${key}, unclassified, agents FROM "AgentTally" WHERE agents <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7`,
    ),
    db.$queryRawUnsafe(`SELECT ${key}, ${unclassified} AS unclassified, count(*)::int AS agents FROM "Agent"
      GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7`),
    db.$queryRawUnsafe(`SELECT "workspaceId", kind, app, agents, completing FROM "AgentAppTally"
      WHERE agents <> 0 OR completing <> 0 ORDER BY 1, 2, 3`),
    db.$queryRawUnsafe(`SELECT "workspaceId", kind, app, sum(u)::int AS agents, sum(c)::int AS completing FROM (
      SELECT "workspaceId", kind, app, 1 AS u, 0 AS c FROM "Agent", unnest("appIds") app UNION ALL
      SELECT "workspaceId", kind, app, 0, 1 FROM "Agent", unnest("breakApps") app
      WHERE trifecta AND "inLatestExport" AND status <> 'deleted') x GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`),
  ]);
  return { tallied, counted, appsTallied, appsCounted };
}

describe('the counters the triggers keep', () => {
  it('equal a count of the rows after any inserts, updates and deletes, in one statement or several', async () => {
    const step = fc.oneof(
      fc.record({ op: fc.constant('insert' as const), rows: fc.array(agentShape, { minLength: 1, maxLength: 6 }) }),
      fc.record({ op: fc.constant('update' as const), pick: fc.nat(), to: agentShape }),
      fc.record({ op: fc.constant('touch' as const), pick: fc.nat() }),
      fc.record({ op: fc.constant('status' as const), from: fc.constantFrom('draft', 'published'), to: fc.string() }),
      fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        for (const s of steps) {
          const ids = (await db.agent.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((a) => a.id);
          const picked = ids.length ? ids['pick' in s ? s.pick % ids.length : 0]! : null;
          if (s.op === 'insert') await db.agent.createMany({ data: s.rows.map(row) });
          else if (s.op === 'update' && picked) {
            const { workspaceId: _, externalId: __, name: ___, ...to } = row(s.to);
            await db.agent.update({ where: { id: picked }, data: to });
          } else if (s.op === 'touch' && picked)
            // A column the counters do not split by: nothing to move.
            await db.agent.update({ where: { id: picked }, data: { lastEventAt: new Date() } });
          else if (s.op === 'status')
            await db.agent.updateMany({ where: { status: s.from }, data: { status: s.to.slice(0, 12) || 'x' } });
          else if (s.op === 'delete' && picked) await db.agent.delete({ where: { id: picked } });
        }
        const { tallied, counted, appsTallied, appsCounted } = await countersAndRows();
        expect(tallied).toEqual(counted);
        expect(appsTallied).toEqual(appsCounted);
      }),
      { numRuns: 25 },
    );
  });

  it('an update that changes no counted column writes no counter', async () => {
    const [a] = await db.agent.createManyAndReturn({ data: [row({ ...sample(), ws: WS[0]! })], select: { id: true } });
    await db.$executeRawUnsafe(`UPDATE "AgentTally" SET agents = agents + 1000 WHERE "workspaceId" = '${WS[0]}'`);
    const before = await db.agentTally.findMany({ where: { workspaceId: WS[0] }, orderBy: { agents: 'asc' } });
    await db.agent.update({ where: { id: a!.id }, data: { name: 'renamed', lastEventAt: new Date() } });
    expect(await db.agentTally.findMany({ where: { workspaceId: WS[0] }, orderBy: { agents: 'asc' } })).toEqual(before);
    await db.$executeRawUnsafe(`UPDATE "AgentTally" SET agents = agents - 1000 WHERE "workspaceId" = '${WS[0]}'`);
  });
});

function sample(): Shape {
  return {
    ws: WS[0]!,
    kind: 'workspace_agent',
    status: 'published',
    effectiveState: 'exposed',
    legCount: 3,
    inLatestExport: true,
    unknownApps: [],
    unclassifiedMcp: ['mcp:x'],
    appIds: ['gmail', 'slack'],
    breakApps: ['gmail'],
  };
}

describe("the Agents page's figures", () => {
  const filters: Record<string, string>[] = [
    {},
    { kind: 'custom_gpt' },
    { status: 'published', legs: '3' },
    { state: 'mitigated', show: 'listed' },
    { state: 'exposed' },
    { state: 'accepted' },
    { show: 'missing' },
    { show: 'unclassified', kind: 'workspace_agent' },
    { app: 'gmail' },
    { q: 'Agent 1' },
  ];
  it('match counting the rows, for every filter the page offers', async () => {
    for (const ws of WS) {
      for (const params of filters) {
        const f = parseAgentFilter(params);
        const expected = await db.agent.count({ where: agentWhere(ws, f) });
        expect({ params, ...(await listAgents(db, ws, f)) }).toMatchObject({ params, total: expected, capped: false });
      }
      const current = { workspaceId: ws, inLatestExport: true, NOT: { status: 'deleted' } };
      const summary = await fleetSummary(db, ws);
      expect(summary.legs).toEqual(
        await Promise.all([0, 1, 2, 3].map((legCount) => db.agent.count({ where: { ...current, legCount } }))),
      );
      expect(summary.mitigated).toBe(await db.agent.count({ where: { ...current, effectiveState: 'mitigated' } }));
      expect(summary.missing).toBe(await db.agent.count({ where: { workspaceId: ws, inLatestExport: false } }));
      expect(await kindCounts(db, ws)).toEqual({
        workspace_agent: await db.agent.count({
          where: { workspaceId: ws, kind: 'workspace_agent', NOT: { status: 'deleted' } },
        }),
        custom_gpt: await db.agent.count({
          where: { workspaceId: ws, kind: 'custom_gpt', NOT: { status: 'deleted' } },
        }),
      });
      const uses = await db.$queryRaw<{ app: string; agents: number }[]>`
        SELECT app, count(*)::int AS agents FROM "Agent", unnest("appIds") app WHERE "workspaceId" = ${ws}
        GROUP BY app ORDER BY app`;
      expect(await appsInUse(db, ws)).toEqual(uses);
    }
  });

  it('pages in a total order: every agent once, whichever sort', async () => {
    for (const sort of ['legs', 'name', 'updated', 'owner'] as const) {
      const seen: string[] = [];
      for (let page = 1; ; page++) {
        const f: AgentFilter = { ...parseAgentFilter({ sort, dir: 'asc' }), size: 25, page };
        const { rows } = await listAgents(db, WS[1]!, f);
        seen.push(...rows.map((r) => r.externalId));
        if (rows.length < 25) break;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(await db.agent.count({ where: { workspaceId: WS[1] } }));
    }
  });
});

describe('EXPLAIN', () => {
  const BIG = 'ws-tally-big';
  beforeAll(async () => {
    // Enough agents, analysed, that the planner prices a sort of them above walking an index.
    await createWorkspace(db, actor, { id: BIG, name: BIG, kind: 'workspace', principal: null });
    const shapes = fc.sample(agentShape, { numRuns: 5000, seed: 7 });
    await db.agent.createMany({ data: shapes.map((s) => row({ ...s, ws: BIG })) });
    await db.$executeRawUnsafe('VACUUM ANALYZE "Agent"');
  });

  it("the Agents page's ids come from an index in the page's order, a deep page from the index alone", async () => {
    const views = [
      {},
      { kind: 'workspace_agent', status: 'published', legs: '3', sort: 'updated', dir: 'asc', page: '3' },
      { state: 'mitigated', sort: 'updated' },
      { sort: 'name', dir: 'desc', page: '2' },
      { show: 'listed', sort: 'name' },
    ];
    for (const view of views) {
      const { db: recording, sent } = recordingDb(url);
      try {
        await listAgents(recording, BIG, { ...parseAgentFilter(view), size: 25 });
      } finally {
        await recording.$disconnect();
      }
      const ids = sent.find((s) => /^SELECT "public"\."Agent"\."id" FROM/.test(s.text) && /OFFSET/.test(s.text));
      expect(ids, JSON.stringify(view)).toBeDefined();
      const text = await indexPlan(url, ids!);
      expect(text, JSON.stringify(view)).toMatch(/Index Only Scan/);
      expect(text, JSON.stringify(view)).not.toMatch(/Sort/);
    }
  });

  it('the review queue walks its index newest first, not a sort of every agent', async () => {
    const { db: recording, sent } = recordingDb(url);
    try {
      await reviewQueue(recording, BIG);
    } finally {
      await recording.$disconnect();
    }
    const slices = sent.filter((s) => s.text.includes('FROM "Agent" a'));
    expect(slices.length).toBeGreaterThan(0);
    for (const slice of slices) {
      const text = await indexPlan(url, slice);
      expect(text).toMatch(/Index Scan using "Agent_workspaceId_trifecta_updatedAt_status_effectiveState_idx"/);
      expect(text).not.toMatch(/Sort Key: a\./);
    }
  });
});
