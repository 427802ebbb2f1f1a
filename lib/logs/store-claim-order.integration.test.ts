// Two ingesters whose batches share keys must claim them in one order, or each could hold a key the other waits for
// (a deadlock fails a file). The claim orders its keys itself, whatever order the file has (decision 0032).
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { ingestFile } from './store.ts';
import { untilClaimWaits } from '@/lib/logs/claim-wait.fixture.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-claim-order-'));
let url: string;
let client: pg.Client;
let other: pg.Client;

beforeAll(async () => {
  url = await createTestDatabase('claim_order');
  client = new pg.Client({ connectionString: url });
  other = new pg.Client({ connectionString: url });
  await Promise.all([client.connect(), other.connect()]);
});
afterAll(async () => {
  await Promise.all([client.end(), other.end()]);
});

const event = (id: string) =>
  JSON.stringify({
    event_id: id,
    type: 'CUSTOM_AGENTS_LOG',
    timestamp: '2026-08-01T00:00:00Z',
    principal: { id: 'p-order', type: 'CHATGPT_WORKSPACE' },
    event_type: 'AGENT_RUN_CREATED',
    event_details: { agent_id: 'agent-1' },
  });

it('claims a batch’s keys in key order even when the file has them the other way round', async () => {
  const file = path.join(dir, 'reversed.jsonl');
  writeFileSync(file, ['order-c', 'order-b', 'order-a'].map(event).join('\n'));
  // Another ingester holds order-b uncommitted: our claim waits there, after order-a (before it) and not order-c.
  await other.query('BEGIN');
  await other.query(`INSERT INTO "LogEventKey" ("principalId", "eventId") VALUES ('p-order', 'order-b')`);
  const ours = ingestFile(client, file, { source: 'cli', startedBy: 'test' });
  await untilClaimWaits(other);
  // A key the claim already inserted makes our insert of it wait for the claim; one it has not reached goes in.
  const holds = async (id: string) => {
    await other.query('SAVEPOINT probe');
    try {
      await other.query(`SET LOCAL lock_timeout = '300ms'`);
      await other.query(`INSERT INTO "LogEventKey" ("principalId", "eventId") VALUES ('p-order', $1)`, [id]);
      await other.query('ROLLBACK TO SAVEPOINT probe');
      return false;
    } catch {
      await other.query('ROLLBACK TO SAVEPOINT probe');
      return true;
    }
  };
  expect([await holds('order-a'), await holds('order-c')]).toEqual([true, false]);
  await other.query('ROLLBACK');
  expect(await ours).toMatchObject({ status: 'complete', inserted: 3, duplicates: 0 });
});
