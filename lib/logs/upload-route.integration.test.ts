// POST /api/logs/files against a real PostgreSQL (the session mocked), with hostile bodies (issue 15, items 2–4):
// a decompression bomb answers with a failed file (lock free, no temp file left), a body shorter than its
// Content-Length stores nothing, a too-large one is refused with the limit, and a deep record is quarantined.
import { readdirSync } from 'node:fs';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { ORIGIN } from '@/test/route-requests.ts';
import type { Db } from '@/lib/db.ts';

const state = vi.hoisted(() => ({ db: null as Db | null }));
vi.mock('@/lib/auth/authorize.ts', () => ({
  authorize: async () => ({ id: 'u-rhea', label: 'rhea@acme.example', role: 'reviewer', roles: ['reviewer'] }),
}));
vi.mock('@/lib/db.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/db.ts')>()),
  db: () => state.db!,
}));

const { createDb } = await import('@/lib/db.ts');
const { POST } = await import('@/app/api/logs/files/route.ts');

let client: pg.Client;

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase('logs_upload');
  state.db = createDb(process.env.DATABASE_URL);
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});
afterAll(async () => {
  await client.end();
  await state.db?.$disconnect();
});

async function upload(name: string, body: Buffer, headers: Record<string, string> = {}) {
  const res = await POST(
    new Request(`${ORIGIN}/api/logs/files`, {
      method: 'POST',
      headers: {
        origin: ORIGIN,
        host: 'localhost:3000',
        'x-filename': encodeURIComponent(name),
        'content-length': String(body.length),
        ...headers,
      },
      body: new Uint8Array(body),
    }),
  );
  return { res, body: (await res.json()) as Record<string, unknown> & { error?: unknown } };
}

const ourTempDirs = () => readdirSync(os.tmpdir()).filter((n) => n.startsWith(`tollgate-upload-${process.pid}-`));
const record = (id: string, details = '{"agent_id":"a1","text":"hi"}') =>
  `{"event_id":"${id}","type":"CUSTOM_AGENTS_LOG","timestamp":"2026-03-01T00:00:00Z","principal":{"id":"p-route"},` +
  `"event_type":"AGENT_RUN_MESSAGE","event_details":${details}}`;

describe('POST /api/logs/files with hostile bodies', () => {
  it('answers a gzip of zeros with no newline (a decompression bomb): failed file, lock free, /tmp clean', async () => {
    const bomb = gzipSync(Buffer.alloc(80 * 1024 * 1024), { level: 9 });
    const { res, body } = await upload('zeros.jsonl.gz', bomb);
    expect(res.status).toBe(201);
    expect(body).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^zeros\.jsonl\.gz: expands to more than 200 times its compressed size/),
    });
    const row = await client.query('SELECT status, error, sha256 FROM "LogFile" WHERE id = $1', [body.fileId]);
    expect(row.rows[0]).toMatchObject({ status: 'failed', error: body.error });
    const lock = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [
      `logfile:${row.rows[0].sha256}`,
    ]);
    expect(lock.rows[0]!.ok).toBe(true);
    await client.query('SELECT pg_advisory_unlock_all()');
    expect(ourTempDirs()).toEqual([]);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  }, 60_000);

  it('quarantines a record nested 100,000 levels deep and keeps the file (no 500)', async () => {
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const { res, body } = await upload(
      'deep.jsonl',
      Buffer.from([record('rd-1', `{"agent_id":"a1","text":${deep}}`), record('rd-2')].join('\n')),
    );
    expect(res.status).toBe(201);
    expect(body).toMatchObject({
      status: 'complete',
      inserted: 1,
      duplicates: 0,
      quarantinedCount: 1,
      quarantined: [{ line: 1, reason: 'nested more than 64 levels deep' }],
    });
  });

  it('stores nothing when fewer bytes arrive than Content-Length announced (a body cut on the way)', async () => {
    const bytes = Buffer.from([record('cut-1'), record('cut-2')].join('\n'));
    const { res, body } = await upload('cut.jsonl', bytes, { 'content-length': String(bytes.length * 3) });
    expect(res.status).toBe(400);
    expect(body.error).toEqual({
      code: 'bad_request',
      message:
        `The upload was cut short: ${bytes.length} of the ${bytes.length * 3} ` +
        `bytes announced (Content-Length) arrived. Nothing was stored.`,
    });
    expect((await client.query(`SELECT count(*)::int AS n FROM "LogFile" WHERE name = 'cut.jsonl'`)).rows[0].n).toBe(0);
    expect(ourTempDirs()).toEqual([]);
  });

  it('refuses a body announced over 4 GB with 413 naming the limit, before reading it', async () => {
    const { res, body } = await upload('huge.jsonl', Buffer.from('{}'), { 'content-length': String(5 * 1024 ** 3) });
    expect(res.status).toBe(413);
    expect(body.error).toEqual({ code: 'too_large', message: 'The file is larger than the limit of 4 GB.' });
  });
});
