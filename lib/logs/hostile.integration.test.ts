// Hostile Compliance Logs files against a real PostgreSQL (issue 15, items 3 and 4): refused lines are
// quarantined by number and never counted as duplicates; any failure leaves the file failed with its reason,
// the advisory lock free, and a later run of the same bytes resumes it.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { READ_LIMITS } from './reader.ts';
import { ingestFile } from './store.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-hostile-'));
let client: pg.Client;
let other: pg.Client;

beforeAll(async () => {
  const url = await createTestDatabase('logs_hostile');
  client = new pg.Client({ connectionString: url });
  other = new pg.Client({ connectionString: url });
  await Promise.all([client.connect(), other.connect()]);
});
afterAll(async () => {
  await Promise.all([client.end(), other.end()]);
});

const record = (id: string, details: string = '{"agent_id":"a1","text":"hello"}', type = 'AGENT_RUN_MESSAGE') =>
  `{"event_id":"${id}","type":"CUSTOM_AGENTS_LOG","timestamp":"2026-02-01T00:00:00Z","principal":{"id":"p-hostile"},` +
  `"event_type":"${type}","event_details":${details}}`;

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

/** Whether another session can take the file's advisory lock now (then gives it back). */
async function lockIsFree(file: string): Promise<boolean> {
  const key = `logfile:${createHash('sha256').update(readFileSync(file)).digest('hex')}`;
  const { rows } = await other.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [key]);
  if (rows[0]!.ok) await other.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
  return rows[0]!.ok;
}

const fileRow = async (id: string) =>
  (
    await client.query<{ status: string; error: string | null }>('SELECT status, error FROM "LogFile" WHERE id = $1', [
      id,
    ])
  ).rows[0];

describe('hostile log files', () => {
  it('quarantines deep, NUL, long and refused lines by number, keeps the file, counts true duplicates', async () => {
    const deep = `${'{"a":'.repeat(1000)}1${'}'.repeat(1000)}`;
    const deepNul = `{"agent_id":"a1","text":${'['.repeat(5000)}"\\u0000"${']'.repeat(5000)}}`;
    const lines = [
      record('h1'),
      record('h-deep', `{"agent_id":"a1","text":${deep}}`), // content splitting used to recurse on this
      record('h-nul', deepNul),
      record('h-long', `{"agent_id":"a1","text":"${'x'.repeat(100_000)}"}`),
      // JavaScript reads the date; PostgreSQL has no year 0
      record('h-year-0').replace('2026-02-01T00:00:00Z', '0000-01-01T00:00:00.000000Z'),
      record('h1'), // a true duplicate
      record('h2'),
    ];
    const file = write('hostile.jsonl', lines.join('\n'));
    const outcome = await ingestFile(client, file, {
      source: 'cli',
      startedBy: 'test',
      limits: { ...READ_LIMITS, maxLineBytes: 64 * 1024 },
    });
    expect(outcome).toMatchObject({
      status: 'complete',
      lines: 7,
      inserted: 2,
      duplicates: 1,
      quarantinedCount: 4,
      error: null,
    });
    expect(outcome.quarantined).toEqual([
      { line: 2, reason: 'nested more than 64 levels deep' },
      { line: 3, reason: 'nested more than 64 levels deep' },
      {
        line: 4,
        reason: expect.stringMatching(/^longer than the limit of 64 KB per line \(100\d{3} bytes\): not read$/),
      },
      { line: 5, reason: expect.stringMatching(/^refused by the database: /) },
    ]);
    const stored = await client.query('SELECT duplicates, quarantined FROM "LogFile" WHERE id = $1', [outcome.fileId]);
    expect(stored.rows[0]).toEqual({ duplicates: 1, quarantined: 4 });
  });

  it('quarantines a record nested 100,000 levels deep by default (no "Maximum call stack size exceeded")', async () => {
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const file = write(
      'deep.jsonl',
      [record('deep-1', `{"agent_id":"a1","text":${deep}}`), record('deep-2')].join('\n'),
    );
    const outcome = await ingestFile(client, file, { source: 'cli', startedBy: 'test' });
    expect(outcome).toMatchObject({
      status: 'complete',
      inserted: 1,
      duplicates: 0,
      quarantined: [{ line: 1, reason: 'nested more than 64 levels deep' }],
    });
  });

  it('fails a decompression bomb with its reason, frees the lock and keeps nothing half-done', async () => {
    const file = write('bomb.jsonl.gz', gzipSync(Buffer.alloc(8 * 1024 * 1024), { level: 9 }));
    const outcome = await ingestFile(client, file, {
      source: 'upload',
      startedBy: 'test',
      limits: { ...READ_LIMITS, ratioAfterBytes: 1024 * 1024 },
    });
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatch(/^bomb\.jsonl\.gz: expands to more than 200 times its compressed size/);
    expect(await fileRow(outcome.fileId)).toEqual({ status: 'failed', error: outcome.error });
    expect(await lockIsFree(file)).toBe(true);
  });

  it('marks the file failed with the reason on any failure, frees the lock, and resumes on the next run', async () => {
    const file = write('flaky.jsonl', Array.from({ length: 30 }, (_, i) => record(`f${i}`)).join('\n'));
    let batches = 0;
    const failing = ingestFile(client, file, {
      source: 'cli',
      startedBy: 'test',
      batchSize: 10,
      onBatch: () => {
        if (++batches === 2) throw new Error('The disk is full.');
      },
    });
    await expect(failing).rejects.toThrow('The disk is full.');
    const { rows } = await client.query<{ id: string; status: string; error: string; lines: number }>(
      `SELECT id, status, error, lines FROM "LogFile" WHERE name = 'flaky.jsonl'`,
    );
    expect(rows).toEqual([{ id: expect.any(String), status: 'failed', error: 'The disk is full.', lines: 20 }]);
    expect(await lockIsFree(file)).toBe(true);
    const resumed = await ingestFile(client, file, { source: 'cli', startedBy: 'test', batchSize: 10 });
    expect(resumed).toMatchObject({
      fileId: rows[0]!.id,
      status: 'complete',
      resumedAfter: 20,
      lines: 30,
      inserted: 30,
      duplicates: 0,
      error: null,
    });
  });
});
