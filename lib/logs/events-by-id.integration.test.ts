// Stored events found by event id through LogEventKey (LogEvent keeps no key by event id, decision 0032): every
// event comes back, with or without an agent, and even from a key that does not say where its event is; the
// lookup reads only the week its event is in.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '@/lib/audit/record.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { createTestDatabase } from '@/test/db.ts';
import { recordingDb } from '@/test/explain.ts';
import { eventsById } from './events-by-id.ts';
import { partitionName, periodStart } from './partition-plan.ts';
import { maintainPartitions } from './partitions.ts';
import { ingestFile } from './store.ts';

const WEEK = 7 * 86_400_000;
const now = new Date(periodStart('LogEvent', new Date()).getTime() + 3 * 86_400_000);
const P = 'p-by-id';
const dir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-by-id-'));
let url: string;
let db: Db;
let client: pg.Client;

beforeAll(async () => {
  url = await createTestDatabase('events_by_id');
  db = createDb(url);
  client = new pg.Client({ connectionString: url });
  await client.connect();
  const line = (id: string, when: Date, agent: string | null) =>
    JSON.stringify({
      event_id: id,
      type: 'CUSTOM_AGENTS_LOG',
      timestamp: when.toISOString(),
      principal: { id: P, type: 'CHATGPT_WORKSPACE' },
      event_type: 'AGENT_UNPUBLISHED',
      event_details: agent ? { agent_id: agent } : { note: 'no agent' },
    });
  const file = path.join(dir, 'events.jsonl');
  writeFileSync(
    file,
    [
      line('with-agent', new Date(now.getTime() - 2 * WEEK), 'agent-1'),
      line('no-agent', new Date(now.getTime() - WEEK), null),
      line('this-week', now, 'agent-1'),
    ].join('\n'),
  );
  await ingestFile(client, file, { source: 'cli', startedBy: 'test' });
  // A key written without its place (a fixture, or a key older than the columns).
  await client.query(
    `INSERT INTO "LogEvent" ("principalId", "eventId", type, at, record, "fileId", line)
     VALUES ($1, 'placeless', 'CUSTOM_AGENTS_LOG', $2, '{"n":1}', 'fixture', 1)`,
    [P, now],
  );
  await client.query(`INSERT INTO "LogEventKey" ("principalId", "eventId") VALUES ($1, 'placeless')`, [P]);
  await maintainPartitions(db, SYSTEM_ACTOR, { now }); // the past weeks' events out of the default
});
afterAll(async () => {
  await client.end();
  await db.$disconnect();
});

describe('eventsById', () => {
  it('finds every stored event by id, with or without an agent or a place in its key, oldest first', async () => {
    const events = await eventsById(db, P, ['this-week', 'no-agent', 'with-agent', 'placeless', 'never-sent']);
    expect(events.map((e) => e.eventId)).toEqual(['with-agent', 'no-agent', 'placeless', 'this-week']);
    expect(events[1]).toMatchObject({ type: 'CUSTOM_AGENTS_LOG', eventType: 'AGENT_UNPUBLISHED', line: 2 });
    expect(events[1]!.record).toMatchObject({ event_id: 'no-agent' });
    expect(events[0]!.at).toEqual(new Date(now.getTime() - 2 * WEEK));
    expect(await eventsById(db, 'another-principal', ['with-agent'])).toEqual([]);
  });

  it('reads only the week its event is in', async () => {
    const recording = recordingDb(url);
    try {
      for (const [id, offset] of [
        ['with-agent', -2 * WEEK],
        ['no-agent', -WEEK],
      ] as const) {
        recording.sent.length = 0;
        await eventsById(recording.db, P, [id]);
        const statement = recording.sent.find((s) => s.text.includes('FROM "LogEventKey"'))!;
        const week = partitionName('LogEvent', periodStart('LogEvent', new Date(now.getTime() + offset)));
        expect(await partitionsExecuted(statement)).toEqual([week]);
      }
    } finally {
      await recording.db.$disconnect();
    }
  });
});

type PlanNode = { 'Relation Name'?: string; 'Actual Loops'?: number; Plans?: PlanNode[] };

/** The LogEvent partitions the statement's plan actually ran a scan on (run-time pruning skips the others). */
async function partitionsExecuted(statement: { text: string; values: unknown[] }): Promise<string[]> {
  const { rows } = await client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>({
    text: `EXPLAIN (ANALYZE, FORMAT JSON) ${statement.text}`,
    values: statement.values,
  });
  const names = new Set<string>();
  const walk = (node: PlanNode) => {
    const name = node['Relation Name'];
    if (name?.startsWith('LogEvent_') && (node['Actual Loops'] ?? 0) > 0) names.add(name);
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(rows[0]!['QUERY PLAN'][0]!.Plan);
  return [...names].sort();
}
