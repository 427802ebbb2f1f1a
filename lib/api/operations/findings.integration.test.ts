// The findings operations through /api/v1 on a real PostgreSQL, beyond what the contract and matrix tests see:
// the page's filters, a walk by cursor that neither repeats nor skips, another workspace's finding as a 404, and
// an assignment that runs the page's service (version, audit event naming the token) and honours If-Match.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db.ts';
import { listFindings } from '@/lib/findings/queries.ts';
import { syncFindings } from '@/lib/findings/sync.ts';
import { versionsOf } from '@/lib/history/versions.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { api, loadApi, makeToken } from '@/test/api.ts';
import { createTestDatabase } from '@/test/db.ts';

const admin = { id: null, label: 'test-admin', role: 'admin' };
const APPS = ['slack', 'gmail', 'google_drive', 'github', 'notion', 'jira', 'confluence'];
let db: Db;
let rev: { token: string; prefix: string; ownerId: string };

// Real findings: apps observed with allow_all, judged by the findings engine, as an import would leave them.
async function workspaceWithFindings(id: string, apps: string[]) {
  await createWorkspace(db, admin, { id, name: id, kind: 'workspace', principal: null });
  await db.actionControl.createMany({
    data: apps.map((appId) => ({
      workspaceId: id,
      side: 'observed',
      appId,
      enabled: true,
      mode: 'allow_all',
      updatedBy: 'test',
    })),
  });
  await db.$transaction((tx) => syncFindings(tx, id, new Date()));
}

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase('apifindings');
  process.env.TOLLGATE_API_RATE_LIMIT = '100000';
  db = createDb(process.env.DATABASE_URL);
  await loadApi();
  await workspaceWithFindings('ws-f1', APPS);
  await workspaceWithFindings('ws-f2', ['slack']);
  rev = await makeToken(db, 'reviewer', 'ws-f1');
}, 120_000);
afterAll(async () => {
  await db.$disconnect();
  const { db: appDb } = await import('@/lib/db.ts');
  await appDb().$disconnect();
});

const fieldsOf = (json: Record<string, unknown> | undefined) =>
  ((json?.errors ?? []) as { field: string }[]).map((e) => e.field);

type Page = { data: { id: string; key: string; kind: string; owner: string | null }[]; next_cursor: string | null };

async function walk(query: string, limit: number, between?: () => Promise<void>) {
  const seen: Page['data'] = [];
  let cursor: string | null = null;
  do {
    const page = await api('GET', `/findings?limit=${limit}&${query}${cursor ? `&cursor=${cursor}` : ''}`, rev);
    expect(page.status, page.text).toBe(200);
    const body = page.json as Page;
    expect(body.data.length).toBeLessThanOrEqual(limit);
    seen.push(...body.data);
    cursor = body.next_cursor;
    await between?.();
  } while (cursor);
  return seen;
}

describe('GET /findings', () => {
  it('walks every finding of the filter once, by key, while new ones appear', async () => {
    const all = await listFindings(db, 'ws-f1', { status: 'all' }, new Date());
    expect(all.length).toBeGreaterThan(APPS.length);
    let added = 0;
    const seen = await walk('status=all', 3, async () => {
      // A new departure is judged in the middle of the walk: the walk neither repeats nor skips the others.
      if (added++ === 0) {
        await db.actionControl.create({
          data: {
            workspaceId: 'ws-f1',
            side: 'observed',
            appId: 'asana',
            enabled: true,
            mode: 'allow_all',
            updatedBy: 't',
          },
        });
        await db.$transaction((tx) => syncFindings(tx, 'ws-f1', new Date()));
      }
    });
    const ids = seen.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(all.map((f) => f.id)));
    const keys = seen.map((f) => f.key);
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it("filters as the page's URL does", async () => {
    const allowAll = await walk('kind=allow-all', 2);
    expect(allowAll.length).toBeGreaterThanOrEqual(APPS.length);
    expect(new Set(allowAll.map((f) => f.kind))).toEqual(new Set(['allow-all']));
    const slack = (await api('GET', '/findings?q=slack&kind=allow-all', rev)).json as Page;
    expect(slack.data.map((f) => f.key)).toEqual(['allow-all:slack']);
    // A risk (decision 0041): allow_all is filed under 6.2, which the catalogues map to ASI02 (tools misused).
    type Risky = { id: string; kind: string; risks: { id: string }[] };
    const every = (await walk('status=all', 50)) as unknown as Risky[];
    const asi02 = (await walk('risk=ASI02&status=all', 50)) as unknown as Risky[];
    expect(asi02.map((f) => f.id).sort()).toEqual(
      every
        .filter((f) => f.risks.some((r) => r.id === 'ASI02'))
        .map((f) => f.id)
        .sort(),
    );
    expect(asi02.map((f) => f.id)).toEqual(expect.arrayContaining(allowAll.map((f) => f.id)));
    expect(await walk('risk=ASI05', 50)).toEqual([]);
    const unassigned = await walk('owner=unassigned&status=all', 50);
    expect(unassigned.length).toBe(
      (await listFindings(db, 'ws-f1', { status: 'all', owner: 'unassigned' }, new Date())).length,
    );
  });

  it('refuses an unknown filter value or parameter, naming it', async () => {
    const bad = await api('GET', '/findings?status=closed', rev);
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.json)).toEqual(['query.status']);
    const risk = await api('GET', '/findings?risk=ASI99', rev);
    expect(risk.status).toBe(400);
    expect(fieldsOf(risk.json)).toEqual(['query.risk']);
    const unknown = await api('GET', '/findings?severity=high', rev);
    expect(unknown.status).toBe(400);
    expect(unknown.json?.type).toBe('https://tollgate.dev/problems/unknown-parameter');
  });
});

describe('GET and PATCH /findings/{finding_id}', () => {
  const findingOf = (ws: string, key: string) =>
    db.finding.findUniqueOrThrow({ where: { workspaceId_key: { workspaceId: ws, key } } });

  it("answers 404 for another workspace's finding, for reads and writes", async () => {
    const other = await findingOf('ws-f2', 'allow-all:slack');
    expect((await api('GET', `/findings/${other.id}`, rev)).status).toBe(404);
    const patch = await api('PATCH', `/findings/${other.id}`, { ...rev, body: { owner: 'x@example.com' } });
    expect(patch.status).toBe(404);
    const everywhere = await makeToken(db, 'reviewer', null);
    expect((await api('GET', `/findings/${other.id}?ws=ws-f1`, everywhere)).status).toBe(404);
    expect((await api('GET', `/findings/${other.id}?ws=ws-f2`, everywhere)).status).toBe(200);
    expect((await findingOf('ws-f2', 'allow-all:slack')).owner).toBeNull();
  });

  it("assigns through the page's service, audited as the token, and refuses a stale If-Match", async () => {
    const before = await findingOf('ws-f1', 'allow-all:gmail');
    const read = await api('GET', `/findings/${before.id}`, rev);
    const etag = read.headers.get('etag')!;
    const changed = await api('PATCH', `/findings/${before.id}`, {
      ...rev,
      headers: { 'if-match': etag },
      body: { owner: 'Dana@Example.com', due: '2027-02-14' },
    });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.json).toMatchObject({ owner: 'dana@example.com', due: '2027-02-14T23:59:59.999Z' });

    const owner = await db.user.findUniqueOrThrow({ where: { id: rev.ownerId } });
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: 'finding.assign', targetId: before.id },
      orderBy: { seq: 'desc' },
    });
    expect(event.actorLabel).toBe(`API token ${rev.prefix}… of ${owner.email}`);
    expect(event.diff).toMatchObject({ owner: { from: null, to: 'dana@example.com' } });
    const versions = await versionsOf(db, 'ws-f1', 'finding', before.id);
    expect(versions.at(-1)?.data).toMatchObject({ owner: 'dana@example.com' });

    // The ETag read before the change no longer matches: nothing is written.
    const stale = await api('PATCH', `/findings/${before.id}`, {
      ...rev,
      headers: { 'if-match': etag },
      body: { owner: 'eve@example.com' },
    });
    expect(stale.status).toBe(412);
    expect((await findingOf('ws-f1', 'allow-all:gmail')).owner).toBe('dana@example.com');

    // Only the due date: the owner stays; null unassigns.
    const due = await api('PATCH', `/findings/${before.id}`, { ...rev, body: { due: '2027-03-01' } });
    expect(due.json).toMatchObject({ owner: 'dana@example.com', due: '2027-03-01T23:59:59.999Z' });
    const unassigned = await api('PATCH', `/findings/${before.id}`, { ...rev, body: { owner: null } });
    expect(unassigned.json).toMatchObject({ owner: null, due: '2027-03-01T23:59:59.999Z' });
  });

  it('refuses an empty change, a bad owner or date (400 naming it) and a change to the same values (409)', async () => {
    const f = await findingOf('ws-f1', 'allow-all:notion');
    const path = `/findings/${f.id}`;
    expect((await api('PATCH', path, { ...rev, body: {} })).status).toBe(400);
    const bad = await api('PATCH', path, { ...rev, body: { owner: 'not-an-email', due: '2027-02-30' } });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.json).sort()).toEqual(['body.due', 'body.owner']);
    const extra = await api('PATCH', path, { ...rev, body: { status: 'resolved' } });
    expect(extra.status).toBe(400);
    expect((await api('PATCH', path, { ...rev, body: { owner: null } })).status).toBe(409);
    expect((await findingOf('ws-f1', 'allow-all:notion')).updatedAt).toEqual(f.updatedAt);
  });
});
