// Agent imports through the API route on a real PostgreSQL, with the Import page's service: a preview changes
// nothing and lists invalid rows by line and the agents that would become exposed; the commit writes it all (audited
// as the token) or nothing (422 invalid rows, 409 twice or stale); a file over the old 64 MB limit arrives whole and
// is read in pieces; the 256 MB limit,
// the content type and another workspace are refused; Idempotency-Key tells one CSV from another.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createDb, type Db } from '@/lib/db.ts';
import { UPLOAD_CSP } from '@/lib/http/upload-answer.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { api, loadApi, makeToken } from '@/test/api.ts';
import { createTestDatabase } from '@/test/db.ts';
import type { AgentImport } from './import-shapes.ts';

const admin = { id: null, label: 'test-admin', role: 'admin' };
const PROBLEM = 'https://tollgate.dev/problems/';
const HEADER = 'agent_id,agent_name,owner_email,connected_apps';
let db: Db;
let writer: { token: string; prefix: string };

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase('api_imports');
  process.env.TOLLGATE_API_RATE_LIMIT = '100000';
  db = createDb(process.env.DATABASE_URL);
  await loadApi();
  for (const id of ['ws-imp-a', 'ws-imp-b', 'ws-imp-big', 'ws-imp-other'])
    await createWorkspace(db, admin, { id, name: id, kind: 'workspace', principal: null });
  writer = await makeToken(db, 'admin', null);
}, 120_000);
afterAll(async () => {
  await db.$disconnect();
  const { db: appDb } = await import('@/lib/db.ts');
  await appDb().$disconnect();
});

const upload = (ws: string, csv: string | Buffer, extra = '', headers: Record<string, string> = {}) =>
  api('POST', `/agent-imports?ws=${ws}${extra}`, {
    token: writer.token,
    raw: { type: 'text/csv', data: csv },
    headers,
  });
const commit = (ws: string, id: string, body: object = {}) =>
  api('POST', `/agent-imports/${id}/commit?ws=${ws}`, { token: writer.token, body });
const agents = (ws: string) =>
  db.agent.findMany({ where: { workspaceId: ws }, orderBy: { externalId: 'asc' }, select: { externalId: true } });

type Imported = z.output<typeof AgentImport>;

describe('POST /agent-imports → GET → commit', () => {
  it('previews without changing anything, then commits all of it, audited as the token', async () => {
    const csv = `${HEADER}\nagt_a,Alpha,ann@acme.example,Calendar\nagt_b,Beta,bob@acme.example,Notion\n`;
    const preview = await upload('ws-imp-a', csv, '&filename=nightly.csv');
    expect(preview.status, preview.text).toBe(201);
    const body = preview.json as Imported;
    expect(body).toMatchObject({
      status: 'preview',
      filename: 'nightly.csv',
      full_export: false,
      rows: 2,
      counts: { created: 2, changed: 0, unchanged: 0, missing: 0 },
      error_count: 0,
      fatal: null,
      newly_exposed: { count: 1, agents: [{ agent_id: 'agt_a', name: 'Alpha' }] },
      committed_at: null,
    });
    expect(preview.headers.get('location')).toBe(`/api/v1/agent-imports/${body.import_id}?ws=ws-imp-a`);
    expect(await agents('ws-imp-a')).toEqual([]);
    const read = await api('GET', `/agent-imports/${body.import_id}?ws=ws-imp-a`, { token: writer.token });
    expect(read.json).toEqual(body);

    const done = await commit('ws-imp-a', body.import_id);
    expect(done.status, done.text).toBe(200);
    expect(done.json).toMatchObject({ status: 'committed', skipped: 0, newly_exposed: { count: 1 } });
    expect((await agents('ws-imp-a')).map((a) => a.externalId)).toEqual(['agt_a', 'agt_b']);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: 'agents.import', targetId: body.import_id },
    });
    expect(audit.actorLabel).toMatch(new RegExp(`^API token ${writer.prefix}… of api-\\d+-admin@example.com$`));

    const twice = await commit('ws-imp-a', body.import_id);
    expect(twice.json).toMatchObject({ status: 409, type: `${PROBLEM}conflict` });
  });

  it('lists invalid rows by line; refuses to commit them unless told to skip them', async () => {
    const lines = ['agt_c,Gamma,cy@acme.example,Slack', 'agt_d,Delta,not-an-email,Slack', 'agt_e,Eps,ed@acme.example,'];
    const csv = `${HEADER}\n${lines.join('\n')}\n`;
    const body = (await upload('ws-imp-b', csv)).json as Imported;
    expect(body.error_count).toBe(1);
    expect(body.errors).toEqual([{ line: 3, agent_id: 'agt_d', reason: 'bad owner_email "not-an-email"' }]);
    const refused = await commit('ws-imp-b', body.import_id);
    expect(refused.json).toMatchObject({ status: 422, type: `${PROBLEM}unprocessable` });
    expect(await agents('ws-imp-b')).toEqual([]);
    const done = await commit('ws-imp-b', body.import_id, { skip_invalid: true });
    expect(done.json).toMatchObject({ status: 'committed', skipped: 1, counts: { created: 2 } });
    expect((await agents('ws-imp-b')).map((a) => a.externalId)).toEqual(['agt_c', 'agt_e']);
  });

  it('refuses a stale preview and a file it cannot read, committing nothing', async () => {
    const first = (await upload('ws-imp-b', `${HEADER}\nagt_f,Phi,fi@acme.example,Slack\n`)).json as Imported;
    const second = (await upload('ws-imp-b', `${HEADER}\nagt_g,Gee,gi@acme.example,Slack\n`)).json as Imported;
    expect((await commit('ws-imp-b', second.import_id)).status).toBe(200);
    const stale = await commit('ws-imp-b', first.import_id);
    expect(stale.json).toMatchObject({ status: 409, type: `${PROBLEM}conflict` });

    const fatal = (await upload('ws-imp-b', 'id,name\nx,y\n')).json as Imported;
    expect(fatal.fatal).toMatchObject({ line: 1 });
    expect((await commit('ws-imp-b', fatal.import_id)).status).toBe(422);
    expect((await agents('ws-imp-b')).map((a) => a.externalId)).toEqual(['agt_c', 'agt_e', 'agt_g']);
  });

  it('takes a file over the old 64 MB limit whole, as a full export, stored byte for byte', async () => {
    // An extra column (ignored by the parser) pads each row: the whole file must arrive for the last rows to count.
    const pad = 'x'.repeat(330_000);
    const rows = Array.from(
      { length: 210 },
      (_, i) => `agt_big_${String(i).padStart(3, '0')},Big ${i},b@acme.example,,${pad}`,
    );
    const csv = Buffer.from(`${HEADER},notes\n${rows.join('\n')}\n`);
    expect(csv.length).toBeGreaterThan(66 * 1024 * 1024);
    const answer = await upload('ws-imp-big', csv, '&full_export=true');
    expect(answer.status, answer.text.slice(0, 300)).toBe(201);
    expect(answer.json).toMatchObject({ rows: 210, size: csv.length, full_export: true, counts: { created: 210 } });
    const id = (answer.json as Imported).import_id;
    // The stored evidence is the file byte for byte: its hash, computed by the server, and the recorded one.
    const sha256 = createHash('sha256').update(csv).digest('hex');
    const [stored] = await db.$queryRaw<{ size: number; sha256: string; recorded: string }[]>`
      SELECT length(content) AS size, encode(sha256(content), 'hex') AS sha256, sha256 AS recorded
      FROM "InventoryImport" WHERE id = ${id}`;
    expect(stored).toEqual({ size: csv.length, sha256, recorded: sha256 });
    expect((await commit('ws-imp-big', id)).status).toBe(200);
    expect(await db.agent.count({ where: { workspaceId: 'ws-imp-big' } })).toBe(210);
  }, 120_000);

  it('refuses a body over 256 MB by its Content-Length, another content type, and an empty file', async () => {
    const big = await upload('ws-imp-other', 'a', '', { 'content-length': String(257 * 1024 * 1024) });
    expect(big.json).toMatchObject({ status: 413, type: `${PROBLEM}payload-too-large` });
    const json = await api('POST', '/agent-imports?ws=ws-imp-other', { token: writer.token, body: { csv: 'x' } });
    expect(json.json).toMatchObject({ status: 415, type: `${PROBLEM}unsupported-media-type` });
    expect((await upload('ws-imp-other', '')).json).toMatchObject({ status: 422 });
    expect(await db.inventoryImport.count({ where: { workspaceId: 'ws-imp-other' } })).toBe(0);
  });

  it('sets the headers the proxy it bypasses would have set, on success and refusal alike', async () => {
    const ok = await upload('ws-imp-other', `${HEADER}\nagt_k,Kay,k@acme.example,Slack\n`, '', {
      'x-request-id': 'spoofed',
    });
    const refused = await api('POST', '/agent-imports?ws=ws-imp-other', { raw: { type: 'text/csv', data: 'x' } });
    for (const answer of [ok, refused]) {
      expect(answer.headers.get('content-security-policy')).toBe(UPLOAD_CSP);
      expect(answer.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect([ok.status, refused.status]).toEqual([201, 401]);
    // Other operations go through the proxy, which sets these; the route leaves them alone.
    const listed = await api('GET', '/agents?ws=ws-imp-other', { token: writer.token });
    expect(listed.headers.get('content-security-policy')).toBeNull();
    await db.inventoryImport.deleteMany({ where: { workspaceId: 'ws-imp-other' } });
  });

  it('answers 404 for an import of another workspace', async () => {
    const mine = (await upload('ws-imp-a', `${HEADER}\nagt_h,Aitch,h@acme.example,Slack\n`)).json as Imported;
    const scoped = (await makeToken(db, 'admin', 'ws-imp-other')).token;
    expect((await api('GET', `/agent-imports/${mine.import_id}`, { token: scoped })).status).toBe(404);
    expect((await api('GET', `/agent-imports/${mine.import_id}?ws=ws-imp-b`, { token: writer.token })).status).toBe(
      404,
    );
    const commitElsewhere = await api('POST', `/agent-imports/${mine.import_id}/commit`, { token: scoped, body: {} });
    expect(commitElsewhere.status).toBe(404);
    expect((await db.inventoryImport.findUniqueOrThrow({ where: { id: mine.import_id } })).status).toBe('preview');
  });

  it('replays the same upload under one Idempotency-Key and refuses the key with another file', async () => {
    const key = { 'idempotency-key': 'nightly-2026-12-06' };
    const csv = `${HEADER}\nagt_i,Eye,i@acme.example,Slack\n`;
    const first = await upload('ws-imp-other', csv, '', key);
    const again = await upload('ws-imp-other', csv, '', key);
    expect([first.status, again.status, again.headers.get('idempotent-replayed')]).toEqual([201, 201, 'true']);
    const other = await upload('ws-imp-other', `${HEADER}\nagt_j,Jay,j@acme.example,Slack\n`, '', key);
    expect(other.json).toMatchObject({ status: 422, type: `${PROBLEM}idempotency-key-reused` });
    expect(await db.inventoryImport.count({ where: { workspaceId: 'ws-imp-other' } })).toBe(1);
  });
});
