// Agent versions (RecordVersion, entity 'agent') as Agent's statement triggers write them: whatever statements insert
// and update agents, each insert and each update that changes the governed state appends exactly one version whose
// document is tollgate_agent_state() of the row (migrations agent_versions and agent_versions_columns), at the time
// the writer stamped; an update that changes nothing the document holds appends none.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { NO_APPS } from '@/test/agent-row.ts';
import { createTestDatabase } from '@/test/db.ts';

const actor = { id: null, label: 'test-admin', role: 'admin' };
const WS = 'ws-versions';
let db: Db;
let serial = 0;

beforeAll(async () => {
  db = createDb(await createTestDatabase('versions'));
  await createWorkspace(db, actor, { id: WS, name: WS, kind: 'workspace', principal: null });
});
afterAll(async () => db?.$disconnect());

/** Each agent's versions, oldest first, beside its document now. */
async function versionsAndState() {
  return db.$queryRaw<{ id: string; versions: unknown[] | null; ats: string[] | null; state: unknown }[]>`
    SELECT a.id, tollgate_agent_state(a) AS state,
      (SELECT jsonb_agg(v.data ORDER BY v.id) FROM "RecordVersion" v
        WHERE v.entity = 'agent' AND v."entityId" = a.id) AS versions,
      (SELECT array_agg(v.at::text ORDER BY v.id) FROM "RecordVersion" v
        WHERE v.entity = 'agent' AND v."entityId" = a.id) AS ats
    FROM "Agent" a WHERE a."workspaceId" = ${WS} ORDER BY a.id`;
}

// One column at a time (or none), so a column the update trigger failed to compare would be caught alone.
const edit = fc.record({
  data: fc.oneof(
    fc.constant({}),
    fc.record({ name: fc.constantFrom('Renamed', 'Other name') }),
    fc.record({ status: fc.constantFrom('draft', 'published', 'deleted') }),
    fc.record({ apps: fc.subarray(['gmail', 'slack', 'web-search']) }),
    fc.record({ appIds: fc.subarray(['gmail', 'slack']) }),
    fc.record({ legs: fc.constantFrom({}, { private_data: ['gmail'] }) }),
    fc.record({ legCount: fc.integer({ min: 0, max: 3 }) }),
    fc.record({ trifecta: fc.boolean() }),
    fc.record({ effectiveState: fc.constantFrom('none', 'exposed') }),
    fc.record({ configHash: fc.constantFrom('h', 'h2') }),
    fc.record({ connectors: fc.constantFrom([], [{ app: 'gmail' }]) }),
    fc.record({ ownerEmail: fc.constantFrom('a@acme.example', 'b@acme.example') }),
    fc.record({ inLatestExport: fc.boolean() }),
  ),
  stamp: fc.boolean(),
});

describe('agent versions by the triggers', () => {
  it('one version per insert and per update that changes the document, equal to tollgate_agent_state', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(edit, { maxLength: 4 }), { minLength: 1, maxLength: 4 }), async (plans) => {
        const ids: string[] = [];
        // Several agents in one statement, as an import writes them.
        const created = await db.agent.createManyAndReturn({
          data: plans.map(() => ({
            ...NO_APPS,
            workspaceId: WS,
            externalId: `v-${++serial}`,
            name: `Agent ${serial}`,
            ownerEmail: 'owner@acme.example',
            configHash: 'h',
          })),
          select: { id: true },
        });
        ids.push(...created.map((c) => c.id));
        const expected = new Map<string, unknown[]>();
        for (const { id, state } of await versionsAndState()) if (ids.includes(id)) expected.set(id, [state]);
        const rounds = Math.max(...plans.map((p) => p.length));
        for (let round = 0; round < rounds; round++) {
          for (const [i, plan] of plans.entries()) {
            const e = plan[round];
            if (!e) continue;
            const { stamp, data } = e;
            const before = (await versionsAndState()).find((r) => r.id === ids[i])!.state;
            await db.agent.update({
              where: { id: ids[i] },
              data: { ...data, ...(stamp ? { updatedAt: new Date(Date.now() + round * 1000) } : {}) },
            });
            const after = (await versionsAndState()).find((r) => r.id === ids[i])!.state;
            if (JSON.stringify(after) !== JSON.stringify(before)) expected.get(ids[i]!)!.push(after);
          }
        }
        for (const row of await versionsAndState()) {
          if (!ids.includes(row.id)) continue;
          expect(row.versions).toEqual(expected.get(row.id));
          expect(row.versions!.at(-1)).toEqual(row.state);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('an update of many agents in one statement versions exactly those whose document changed', async () => {
    const made = await db.agent.createManyAndReturn({
      data: [1, 2, 3].map((n) => ({
        ...NO_APPS,
        workspaceId: WS,
        externalId: `bulk-${n}-${++serial}`,
        name: `Bulk ${n}`,
        ownerEmail: 'owner@acme.example',
        configHash: 'h',
      })),
      select: { id: true },
    });
    const ids = made.map((m) => m.id);
    const at = new Date('2031-01-02T03:04:05.678Z');
    // The first is renamed, the second gets the same name again (no change), the third only a new stamp.
    await db.$executeRaw`UPDATE "Agent" SET
        name = CASE WHEN id = ${ids[0]} THEN 'Bulk renamed' ELSE name END,
        "updatedAt" = CASE WHEN id = ${ids[1]} THEN "updatedAt" ELSE ${at} END
        WHERE id = ANY(${ids})`;
    const rows = (await versionsAndState()).filter((r) => ids.includes(r.id));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(ids[0]!)!.versions).toHaveLength(2);
    expect(byId.get(ids[0]!)!.versions!.at(-1)).toEqual(byId.get(ids[0]!)!.state);
    expect(new Date(byId.get(ids[0]!)!.ats!.at(-1)!).toISOString()).toBe(at.toISOString());
    expect(byId.get(ids[1]!)!.versions).toHaveLength(1);
    expect(byId.get(ids[2]!)!.versions).toHaveLength(1);
  });
});
