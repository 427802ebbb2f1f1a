// Exactly-once storage of Compliance Logs files against a real PostgreSQL: replay, resume, quarantine.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { ingestFile } from './store.ts';
import { untilClaimWaits } from '@/lib/logs/claim-wait.fixture.ts';

const SAMPLES = path.resolve(import.meta.dirname, '../../test/fixtures/compliance-logs');
const dir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-logs-'));
let client: pg.Client;
let url: string;

beforeAll(async () => {
  url = await createTestDatabase('logs');
  client = new pg.Client({ connectionString: url });
  await client.connect();
});
afterAll(async () => {
  await client.end();
});

const count = async (sql: string, params: unknown[] = []) =>
  Number((await client.query<{ n: string }>(sql, params)).rows[0]!.n);

function event(id: string, at: string, principal = 'ws-principal-1') {
  return JSON.stringify({
    event_id: id,
    type: 'CUSTOM_AGENTS_LOG',
    timestamp: at,
    principal: { id: principal, type: 'CHATGPT_WORKSPACE' },
    event_type: 'AGENT_RUN_CREATED',
    event_details: { agent_id: 'agent-1', note: 'tab\there, back\\slash' },
  });
}

describe('Compliance Logs storage', () => {
  it('stores the reference samples once, and recognises the same file sent again', async () => {
    const file = path.join(SAMPLES, 'custom-agents-log.sample.jsonl');
    const first = await ingestFile(client, file, { source: 'cli', startedBy: 'test' });
    expect(first).toMatchObject({
      status: 'complete',
      lines: 13,
      inserted: 13,
      duplicates: 0,
      quarantinedCount: 0,
      repeatOf: null,
    });
    const again = await ingestFile(client, file, { source: 'upload', startedBy: 'test' });
    expect(again).toMatchObject({ status: 'repeat', inserted: 0, duplicates: 13, repeatOf: first.fileId });
    // The same events in another file (gzip, other bytes) are duplicates, not new events.
    const zipped = path.join(dir, 'again.jsonl.gz');
    writeFileSync(zipped, gzipSync(readFileSync(file)));
    expect(await ingestFile(client, zipped, { source: 'cli', startedBy: 'test' })).toMatchObject({
      status: 'complete',
      inserted: 0,
      duplicates: 13,
    });
    expect(await count(`SELECT count(*) AS n FROM "LogEvent"`)).toBe(13);
    // Counts per (type, event type) move with the inserts only: a replay adds nothing.
    const counts = await client.query(
      `SELECT "eventType", events::int AS n FROM "LogEventCount" WHERE type = 'CUSTOM_AGENTS_LOG' ORDER BY 1`,
    );
    expect(counts.rows.reduce((sum, r) => sum + r.n, 0)).toBe(13);
    expect(counts.rows.find((r) => r.eventType === 'AGENT_CREATED')?.n).toBe(1);
    const stored = await client.query(
      `SELECT "agentId", "actorEmail", record->>'event_type' AS et FROM "LogEvent"
       WHERE "eventId" = 'ca000000-0000-0000-0000-000000000001'`,
    );
    expect(stored.rows[0]).toEqual({
      agentId: 'agent-123',
      actorEmail: 'alice.martin@example.com',
      et: 'AGENT_CREATED',
    });
    // What people typed is stored apart from the metadata, once.
    const metadata = await client.query(
      `SELECT record::text AS r FROM "LogEvent" WHERE "eventType" IN ('AGENT_RUN_CREATED', 'AGENT_RUN_MESSAGE',
       'AGENT_CREATED')`,
    );
    expect(metadata.rows.map((r) => r.r).join()).not.toMatch(/Summarize our Q4|working on it|Summarize CRM activity/);
    const content = await client.query(`SELECT path, text FROM "LogContent" ORDER BY path`);
    expect(content.rows).toEqual(
      expect.arrayContaining([
        { path: 'event_details.invoker.user_message_text', text: 'Summarize our Q4 revenue by region.' },
        { path: 'event_details.text', text: 'working on it' },
      ]),
    );
    expect(await count(`SELECT count(*) AS n FROM "LogContent"`)).toBe(content.rows.length);
  });

  it('quarantines bad lines with file and line, keeps the rest, and stores awkward text exactly', async () => {
    const file = path.join(dir, 'mixed.jsonl');
    writeFileSync(
      file,
      [
        event('m1', '2026-05-01T10:00:00Z'),
        '{"broken":',
        event('m1', '2026-05-01T10:00:00Z'),
        '{"event_id":"m2","type":"X","timestamp":"2026-05-01T09:00:00Z","principal":{"id":"p"},"text":"nul\\u0000"}',
        event('m3', '2026-04-30T10:00:00.123456Z'),
      ].join('\n'),
    );
    const outcome = await ingestFile(client, file, { source: 'cli', startedBy: 'test', batchSize: 2 });
    expect(outcome).toMatchObject({ status: 'complete', lines: 5, inserted: 2, duplicates: 1, quarantinedCount: 2 });
    expect(outcome.quarantined).toEqual([
      { line: 2, reason: expect.stringMatching(/^not JSON/) },
      { line: 4, reason: expect.stringMatching(/NUL character/) },
    ]);
    const row = await client.query(
      `SELECT record->'event_details'->>'note' AS note, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS
       at FROM "LogEvent" WHERE "eventId" = 'm3'`,
    );
    expect(row.rows[0]).toEqual({ note: 'tab\there, back\\slash', at: '2026-04-30 10:00:00.123456' });
    const file2 = await client.query(`SELECT "firstEventAt" AS f, "lastEventAt" AS l FROM "LogFile" WHERE id = $1`, [
      outcome.fileId,
    ]);
    expect([file2.rows[0].f.toISOString(), file2.rows[0].l.toISOString()]).toEqual([
      '2026-04-30T10:00:00.123Z',
      '2026-05-01T10:00:00.000Z',
    ]);
  });

  it('resumes an interrupted file after its last committed batch, losing and duplicating nothing', async () => {
    const file = path.join(dir, 'interrupted.jsonl');
    writeFileSync(
      file,
      Array.from({ length: 25 }, (_, i) => event(`r${i}`, `2026-06-01T00:00:${String(i).padStart(2, '0')}Z`)).join(
        '\n',
      ),
    );
    let batches = 0;
    const crash = ingestFile(client, file, {
      source: 'cli',
      startedBy: 'test',
      batchSize: 10,
      onBatch: () => {
        if (++batches === 2) throw new Error('power cut');
      },
    });
    await expect(crash).rejects.toThrow('power cut');
    expect(await count(`SELECT count(*) AS n FROM "LogEvent" WHERE "eventId" LIKE 'r%'`)).toBe(20);
    const resumed = await ingestFile(client, file, { source: 'cli', startedBy: 'test', batchSize: 10 });
    expect(resumed).toMatchObject({ status: 'complete', resumedAfter: 20, lines: 25, inserted: 25, duplicates: 0 });
    expect(await count(`SELECT count(*) AS n FROM "LogEvent" WHERE "eventId" LIKE 'r%'`)).toBe(25);
  });

  it('stores exactly once when another ingester stores the same event while a batch is on its way', async () => {
    const file = path.join(dir, 'race.jsonl');
    writeFileSync(file, [event('race-1', '2026-08-01T00:00:00Z'), event('race-2', '2026-08-01T00:00:01Z')].join('\n'));
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      // The other ingester has claimed race-1's key and written the event but not committed: our claim of the same
      // key waits for it, and finds the key taken once it commits.
      await other.query('BEGIN');
      await other.query(`INSERT INTO "LogEventKey" ("principalId", "eventId") VALUES ('ws-principal-1', 'race-1')`);
      await other.query(
        `INSERT INTO "LogEvent" ("principalId", "eventId", type, at, record, "fileId", line)
         VALUES ('ws-principal-1', 'race-1', 'CUSTOM_AGENTS_LOG', now(), '{}', 'other', 1)`,
      );
      const ours = ingestFile(client, file, { source: 'cli', startedBy: 'test' });
      await untilClaimWaits(other);
      await other.query('COMMIT');
      expect(await ours).toMatchObject({ status: 'complete', inserted: 1, duplicates: 1 });
    } finally {
      await other.end();
    }
    expect(await count(`SELECT count(*) AS n FROM "LogEvent" WHERE "eventId" LIKE 'race-%'`)).toBe(2);
    expect(await count(`SELECT count(*) AS n FROM "LogEvent" WHERE "eventId" = 'race-1' AND "fileId" = 'other'`)).toBe(
      1,
    );
  });

  it('keeps what it read before a corrupt gzip and names the file', async () => {
    const lines = Array.from({ length: 2000 }, (_, i) => event(`g${i}`, '2026-07-01T00:00:00Z')).join('\n');
    const zipped = gzipSync(lines);
    const file = path.join(dir, 'broken.jsonl.gz');
    writeFileSync(file, zipped.subarray(0, Math.floor(zipped.length * 0.6)));
    const outcome = await ingestFile(client, file, { source: 'cli', startedBy: 'test', batchSize: 100 });
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatch(/^broken\.jsonl\.gz: corrupt gzip after line \d+/);
    expect(outcome.inserted).toBe(outcome.lines);
    expect(await count(`SELECT count(*) AS n FROM "LogEvent" WHERE "eventId" LIKE 'g%'`)).toBe(outcome.inserted);
  });
});
