// The puller against a local server implementing the Compliance API contract: pagination, the redirect to
// a signed URL on another origin (no bearer key sent there), the re-returned boundary record, an empty
// page, a 429 and a failing log type — against a real PostgreSQL.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { checkBaseUrl } from './client.ts';
import { pullWorkspace } from './pull.ts';

const PRINCIPAL = 'ws-pull-1';
const KEY = 'sk-test-puller';
const line = (id: string, at: string) =>
  JSON.stringify({
    event_id: id,
    type: 'CUSTOM_AGENTS_LOG',
    timestamp: at,
    principal: { id: PRINCIPAL, type: 'CHATGPT_WORKSPACE' },
    event_type: 'AGENT_RUN_CREATED',
    event_details: { agent_id: 'a1', run_id: `run-${id}` },
  });
const FILES: Record<string, string> = {
  f1: [line('e1', '2026-08-01T00:00:01Z'), line('e2', '2026-08-01T00:00:02Z')].join('\n'),
  f2: line('e3', '2026-08-01T00:10:00Z'),
  f3: [line('e4', '2026-08-01T00:20:00Z'), line('e2', '2026-08-01T00:00:02Z')].join('\n'),
};
const PAGES: Record<string, { data: { id: string }[]; has_more: boolean; last_end_time: string | null }> = {
  '': { data: [{ id: 'f1' }, { id: 'f2' }], has_more: true, last_end_time: '2026-08-01T00:10:00Z' },
  '2026-08-01T00:10:00Z': {
    data: [{ id: 'f2' }, { id: 'f3' }],
    has_more: false,
    last_end_time: '2026-08-01T00:20:00Z',
  },
  '2026-08-01T00:20:00Z': { data: [], has_more: false, last_end_time: null },
};

const seen = {
  apiAuth: [] as (string | undefined)[],
  signedAuth: [] as (string | undefined)[],
  lists: [] as string[],
  throttled: 0,
};
let api: http.Server;
let signed: http.Server;
let baseUrl: string;
let client: pg.Client;

function listen(handler: http.RequestListener): Promise<http.Server> {
  const server = http.createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  signed = await listen((req, res) => {
    seen.signedAuth.push(req.headers.authorization);
    const id = new URL(req.url!, 'http://x').pathname.split('/').pop()!;
    res.writeHead(200, { 'content-type': 'application/jsonl' }).end(FILES[id]);
  });
  const signedOrigin = `http://127.0.0.1:${(signed.address() as AddressInfo).port}`;
  api = await listen((req, res) => {
    seen.apiAuth.push(req.headers.authorization);
    const url = new URL(req.url!, 'http://x');
    const type = url.searchParams.get('event_type');
    if (url.pathname === `/v1/compliance/workspaces/${PRINCIPAL}/logs`) {
      seen.lists.push(`${type}:${url.searchParams.get('after') ?? ''}`);
      if (type === 'AUDIT_LOG') return res.writeHead(503).end('maintenance');
      if (seen.throttled++ === 0) return res.writeHead(429, { 'retry-after': '2' }).end();
      return res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify(PAGES[url.searchParams.get('after') ?? '']));
    }
    const id = url.pathname.split('/').pop()!;
    if (FILES[id]) return res.writeHead(302, { location: `${signedOrigin}/signed/${id}?sig=abc` }).end();
    res.writeHead(404).end();
  });
  baseUrl = `http://localhost:${(api.address() as AddressInfo).port}/v1/compliance`;
  client = new pg.Client({ connectionString: await createTestDatabase('puller') });
  await client.connect();
});
afterAll(async () => {
  await client.end();
  api.close();
  signed.close();
});

describe('Compliance API puller', () => {
  it('pages, redirects without the key, skips the boundary, keeps the cursor on empty pages, backs off', async () => {
    const delays: number[] = [];
    const retry = {
      attempts: 3,
      baseDelayMs: 10,
      maxDelayMs: 5000,
      sleep: async (ms: number) => void delays.push(ms),
      random: () => 0.5,
    };
    const options = {
      workspaceId: 'ws-pull',
      settings: { baseUrl, principal: PRINCIPAL, apiKey: KEY },
      logTypes: ['CUSTOM_AGENTS_LOG', 'AUDIT_LOG'],
      retry,
    };

    const [agents, audit] = await pullWorkspace(client, options);
    expect(agents).toEqual({
      logType: 'CUSTOM_AGENTS_LOG',
      pages: 2,
      files: 3,
      skipped: 1,
      inserted: 4,
      duplicates: 1,
      after: '2026-08-01T00:20:00Z',
      error: null,
    });
    expect(delays[0]).toBe(2000); // Retry-After honoured
    expect(audit!.error).toMatch(/answered 503: maintenance after 3 attempts/);
    expect(seen.signedAuth.every((h) => h === undefined)).toBe(true);
    expect(seen.apiAuth.every((h) => h === `Bearer ${KEY}`)).toBe(true);
    const events = await client.query(`SELECT "eventId" FROM "LogEvent" WHERE "principalId" = $1 ORDER BY "eventId"`, [
      PRINCIPAL,
    ]);
    expect(events.rows.map((r) => r.eventId)).toEqual(['e1', 'e2', 'e3', 'e4']);

    // Next pull: an empty page keeps the cursor; nothing is downloaded again.
    const [again] = await pullWorkspace(client, { ...options, logTypes: ['CUSTOM_AGENTS_LOG'] });
    expect(again).toMatchObject({ pages: 1, files: 0, after: '2026-08-01T00:20:00Z', error: null });
    const checkpoints = await client.query(
      `SELECT "logType", after, failures, "lastError" FROM "PullCheckpoint" ORDER BY "logType"`,
    );
    expect(checkpoints.rows).toEqual([
      { logType: 'AUDIT_LOG', after: null, failures: 1, lastError: expect.stringMatching(/503/) },
      { logType: 'CUSTOM_AGENTS_LOG', after: '2026-08-01T00:20:00Z', failures: 0, lastError: null },
    ]);
    // Every page read is a window; they join, so the Sources page shows no unread time; the failed type has none.
    const windows = await client.query(
      `SELECT "logType", after, until, files, inserted FROM "PullWindow" WHERE "workspaceId" = 'ws-pull' ORDER BY id`,
    );
    expect(windows.rows.map((w) => [w.logType, w.after, w.until, w.files])).toEqual([
      ['CUSTOM_AGENTS_LOG', null, expect.any(String), 2],
      ['CUSTOM_AGENTS_LOG', windows.rows[0].until, '2026-08-01T00:20:00Z', 1],
      ['CUSTOM_AGENTS_LOG', '2026-08-01T00:20:00Z', null, 0],
    ]);
    // Counted per type and event type as they were stored.
    const counted = await client.query(`SELECT sum(events)::int AS n FROM "LogEventCount" WHERE "principalId" = $1`, [
      PRINCIPAL,
    ]);
    expect(counted.rows[0].n).toBe(4);
  });

  it('accepts https and loopback http only, naming the setting', () => {
    expect(checkBaseUrl('https://api.chatgpt.com/v1/compliance').host).toBe('api.chatgpt.com');
    expect(() => checkBaseUrl('http://api.example.com/v1')).toThrow(/^Compliance API base URL: must be https/);
    expect(() => checkBaseUrl('not a url')).toThrow(/is not a URL/);
  });
});
