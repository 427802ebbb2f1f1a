// The store's two connections (lib/logs/store-pipeline.ts) against a real PostgreSQL: a batch that redelivers an
// event of the batch still in flight before it, and a record the server refuses in the COPY, leave each event stored
// once and every line accounted for.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { ingestFile } from './store.ts';
import { textArray } from './store-rows.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-store-pipeline-'));
let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client({ connectionString: await createTestDatabase('store_pipeline') });
  await client.connect();
});
afterAll(async () => {
  await client.end();
});

const event = (id: string, second: number, agent = `agent-${second % 3}`) =>
  JSON.stringify({
    event_id: id,
    type: 'CUSTOM_AGENTS_LOG',
    timestamp: `2026-09-01T00:00:${String(second % 60).padStart(2, '0')}Z`,
    principal: { id: 'p-pipeline', type: 'CHATGPT_WORKSPACE' },
    event_type: 'CONNECTOR_CALL_REQUESTED',
    event_details: { agent_id: agent },
  });

const stored = async (like: string) =>
  (
    await client.query<{ n: number; ids: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT "eventId")::int AS ids FROM "LogEvent" WHERE "eventId" LIKE $1`,
      [like],
    )
  ).rows[0];

describe('the store’s two connections', () => {
  it('stores once an event redelivered in the batch after its own, while that batch is still in flight', async () => {
    // Batches of 10: every batch but the first starts with the last event of the batch before it.
    const lines: string[] = [];
    for (let b = 0; b < 12; b++) {
      if (b > 0) lines.push(event(`pipe-${b * 9 - 1}`, b * 9 - 1));
      for (let i = b * 9; i < b * 9 + (b > 0 ? 9 : 10); i++) lines.push(event(`pipe-${i}`, i));
    }
    const file = path.join(dir, 'redelivered.jsonl');
    writeFileSync(file, lines.join('\n'));
    const outcome = await ingestFile(client, file, { source: 'cli', startedBy: 'test', batchSize: 10 });
    const unique = new Set(lines.map((l) => JSON.parse(l).event_id)).size;
    expect(outcome).toMatchObject({
      status: 'complete',
      lines: lines.length,
      inserted: unique,
      duplicates: lines.length - unique,
    });
    expect(await stored('pipe-%')).toEqual({ n: unique, ids: unique });
    const counted = await client.query(
      `SELECT events::int FROM "LogEventCount"
       WHERE "principalId" = 'p-pipeline' AND "eventType" = 'CONNECTOR_CALL_REQUESTED'`,
    );
    expect(counted.rows).toEqual([{ events: unique }]);
  });

  it('quarantines a record the server refuses in the COPY and gives its key back for a later copy', async () => {
    // An agent id too long for LogEvent's agent index (the key table does not index it): the claim takes the key, the
    // COPY fails. The event's good copy comes two batches later.
    const bad = event('refused-1', 1, randomBytes(9000).toString('base64'));
    const lines = [
      event('refused-0', 0),
      bad,
      event('refused-2', 2),
      event('refused-3', 3),
      event('refused-4', 4),
      event('refused-1', 1),
    ];
    const file = path.join(dir, 'refused.jsonl');
    writeFileSync(file, lines.join('\n'));
    const outcome = await ingestFile(client, file, { source: 'cli', startedBy: 'test', batchSize: 2 });
    expect(outcome).toMatchObject({ status: 'complete', lines: 6, inserted: 5, duplicates: 0, quarantinedCount: 1 });
    expect(outcome.quarantined).toEqual([{ line: 2, reason: expect.stringMatching(/^refused by the database: /) }]);
    expect(await stored('refused-%')).toEqual({ n: 5, ids: 5 });
    const kept = await client.query(`SELECT line FROM "LogEvent" WHERE "eventId" = 'refused-1'`);
    expect(kept.rows).toEqual([{ line: 6 }]);
  });

  it('lets the next batch claim only once a batch whose claim was refused has taken its keys one by one', async () => {
    // Year 0 is a date JavaScript reads and PostgreSQL does not: the first batch's claim fails, and it claims line by
    // line, its last key being the one the next batch redelivers. Were the next batch to claim meanwhile, each would
    // wait for the other (one in the server, one in Node) and the file would never finish.
    const year0 = event('order-x', 0).replace(/"timestamp":"[^"]+"/, '"timestamp":"0000-01-01T00:00:00.000000Z"');
    const lines = [year0, event('order-b', 1), event('order-a', 2), event('order-a', 2), event('order-c', 3)];
    const file = path.join(dir, 'claim-refused.jsonl');
    writeFileSync(file, lines.join('\n'));
    const outcome = await ingestFile(client, file, { source: 'cli', startedBy: 'test', batchSize: 3 });
    expect(outcome).toMatchObject({ status: 'complete', lines: 5, inserted: 3, duplicates: 1, quarantinedCount: 1 });
    expect(outcome.quarantined).toEqual([{ line: 1, reason: expect.stringMatching(/^refused by the database: /) }]);
    expect(await stored('order-%')).toEqual({ n: 3, ids: 3 });
  });

  it('writes text arrays PostgreSQL reads back as the same values', async () => {
    const value = fc.option(fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('\u0000')));
    await fc.assert(
      fc.asyncProperty(fc.array(value, { maxLength: 8 }), async (values) => {
        const { rows } = await client.query<{ a: (string | null)[] }>('SELECT $1::text[] AS a', [textArray(values)]);
        expect(rows[0]!.a).toEqual(values);
      }),
      { numRuns: 200 },
    );
  });
});
