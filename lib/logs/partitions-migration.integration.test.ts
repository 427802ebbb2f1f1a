// The migration that partitions Compliance Logs (decision 0032) on an install that already holds events and
// content: every row moves to its week or day (or the default), keeps its bytes, gains its exactly-once key, and a
// redelivery after the migration is still a duplicate.
import { cpSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MIGRATIONS_DIR, migrate } from '@/lib/db/migrate.ts';
import { createEmptyDatabase } from '@/test/db.ts';
import { partitionName, periodStart } from './partition-plan.ts';
import { ingestFile } from './store.ts';

const PARTITIONING = '20261206171107_log_partitions';
const DAY = 86_400_000;
// Noon UTC today: week and day boundaries are hours away whenever the test runs.
const now = new Date(periodStart('LogContent', new Date()).getTime() + 12 * 3_600_000);
const at = (days: number) => new Date(now.getTime() + days * DAY).toISOString();
let url: string;
let client: pg.Client;

beforeAll(async () => {
  const before = mkdtempSync(path.join(os.tmpdir(), 'tollgate-mig-before-'));
  for (const name of readdirSync(MIGRATIONS_DIR).filter((n) => n < PARTITIONING))
    cpSync(path.join(MIGRATIONS_DIR, name), path.join(before, name), { recursive: true });
  url = await createEmptyDatabase('partition_mig');
  await migrate(url, { dir: before });
  client = new pg.Client({ connectionString: url });
  await client.connect();
  // As an existing install left them: events over 20 days, one from 1999, content of two of them.
  await client.query(
    `INSERT INTO "LogEvent" ("principalId", "eventId", type, "eventType", at, record, "fileId", line)
     VALUES ('p-mig', 'e-now', 'CUSTOM_AGENTS_LOG', 'AGENT_RUN_MESSAGE', $1, '{"n": 1,  "kept": "as sent"}', 'f', 1),
            ('p-mig', 'e-20', 'CUSTOM_AGENTS_LOG', 'AGENT_RUN_MESSAGE', $2, '{"n": 2}', 'f', 2),
            ('p-mig', 'e-1999', 'CUSTOM_AGENTS_LOG', NULL, '1999-01-01T00:00:00Z', '{"n": 3}', 'f', 3)`,
    [at(0), at(-20)],
  );
  await client.query(
    `INSERT INTO "LogContent" ("principalId", "eventId", "logType", path, text, at)
     VALUES ('p-mig', 'e-now', 'CUSTOM_AGENTS_LOG', 'event_details.text', 'hello', $1),
            ('p-mig', 'e-20', 'CUSTOM_AGENTS_LOG', 'event_details.text', 'earlier', $2)`,
    [at(0), at(-20)],
  );
});
afterAll(async () => client?.end());

it('moves existing events and content into their partitions, with their keys', async () => {
  expect((await migrate(url)).applied).toContain(PARTITIONING);
  const events = await client.query(
    `SELECT "eventId", tableoid::regclass::text AS part, record::text AS record FROM "LogEvent" ORDER BY 1`,
  );
  const week = (d: number) => `"${partitionName('LogEvent', periodStart('LogEvent', new Date(at(d))))}"`;
  expect(events.rows).toEqual([
    { eventId: 'e-1999', part: '"LogEvent_default"', record: '{"n": 3}' },
    { eventId: 'e-20', part: week(-20), record: '{"n": 2}' },
    { eventId: 'e-now', part: week(0), record: '{"n": 1,  "kept": "as sent"}' },
  ]);
  const content = await client.query(`SELECT "eventId", tableoid::regclass::text AS part FROM "LogContent" ORDER BY 1`);
  const day = (d: number) => `"${partitionName('LogContent', periodStart('LogContent', new Date(at(d))))}"`;
  expect(content.rows).toEqual([
    { eventId: 'e-20', part: day(-20) },
    { eventId: 'e-now', part: day(0) },
  ]);
  const keys = await client.query(`SELECT "eventId" FROM "LogEventKey" WHERE "principalId" = 'p-mig' ORDER BY 1`);
  expect(keys.rows.map((r) => r.eventId)).toEqual(['e-1999', 'e-20', 'e-now']);
});

it('after the migration, a redelivery of an event stored before it is a duplicate', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-mig-'));
  const file = path.join(dir, 'again.jsonl');
  const line = (id: string, ts: string) =>
    JSON.stringify({ event_id: id, type: 'CUSTOM_AGENTS_LOG', timestamp: ts, principal: { id: 'p-mig' } });
  writeFileSync(file, [line('e-20', at(-20)), line('e-1999', '1999-01-01T00:00:00Z'), line('e-new', at(0))].join('\n'));
  const outcome = await ingestFile(client, file, { source: 'cli', startedBy: 'test' });
  expect(outcome).toMatchObject({ status: 'complete', inserted: 1, duplicates: 2 });
});
