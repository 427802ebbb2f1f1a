// The alerts operations through /api/v1 on a real PostgreSQL, beyond the contract and matrix tests: the inbox's
// filters with each alert's event ids, a cursor walk over alerts sharing one instant, another workspace's alert
// as a 404, and triage through the page's service (notes and audit event naming the token) honouring If-Match.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { api, loadApi, makeToken } from '@/test/api.ts';
import { createTestDatabase } from '@/test/db.ts';

const admin = { id: null, label: 'test-admin', role: 'admin' };
const SEVERITY = ['low', 'medium', 'high', 'critical'] as const;
const STATUS = ['open', 'acknowledged', 'resolved', 'false_positive'] as const;
const T0 = Date.parse('2026-11-02T10:00:00.000Z');
let db: Db;
let rev: { token: string; prefix: string; ownerId: string };

// Alerts as detection leaves them: three share each instant, so paging must break ties by id.
async function raise(workspaceId: string, count: number) {
  await db.alert.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      workspaceId,
      key: `${workspaceId}-k${i}`,
      ruleId: i % 2 ? 'exfil-burst' : 'new-connector',
      title: `Alert ${i}`,
      severity: SEVERITY[i % 4]!,
      agentId: i % 3 ? `agt_${i % 3}` : null,
      eventIds: [`evt-${workspaceId}-${i}a`, `evt-${workspaceId}-${i}b`],
      message: `Something happened (${i})`,
      at: new Date(T0 + Math.floor(i / 3) * 60_000),
      status: STATUS[i % 4]!,
      assignee: i % 5 === 0 ? 'sam@example.com' : null,
    })),
  });
}

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase('apialerts');
  process.env.TOLLGATE_API_RATE_LIMIT = '100000';
  db = createDb(process.env.DATABASE_URL);
  await loadApi();
  for (const id of ['ws-a1', 'ws-a2'])
    await createWorkspace(db, admin, { id, name: id, kind: 'workspace', principal: null });
  await raise('ws-a1', 23);
  await raise('ws-a2', 2);
  rev = await makeToken(db, 'reviewer', 'ws-a1');
}, 120_000);
afterAll(async () => {
  await db.$disconnect();
  const { db: appDb } = await import('@/lib/db.ts');
  await appDb().$disconnect();
});

type Listed = { id: string; at: string; severity: string; status: string; event_ids: string[] } & Record<
  string,
  unknown
>;

async function walk(query: string, limit: number) {
  const seen: Listed[] = [];
  let cursor: string | null = null;
  do {
    const page = await api('GET', `/alerts?limit=${limit}&${query}${cursor ? `&cursor=${cursor}` : ''}`, rev);
    expect(page.status, page.text).toBe(200);
    const body = page.json as { data: Listed[]; next_cursor: string | null };
    seen.push(...body.data);
    cursor = body.next_cursor;
  } while (cursor);
  return seen;
}

describe('GET /alerts', () => {
  it('walks every alert once, newest first then by id, with the events that raised it', async () => {
    const rows = await db.alert.findMany({ where: { workspaceId: 'ws-a1' }, orderBy: [{ at: 'desc' }, { id: 'asc' }] });
    const seen = await walk('status=all', 2);
    expect(seen.map((a) => a.id)).toEqual(rows.map((r) => r.id));
    expect(seen[0]!.event_ids).toEqual(rows[0]!.eventIds);
  });

  it("filters as the inbox's URL does: open or acknowledged by default, severity, rule, agent, assignee", async () => {
    const all = await db.alert.findMany({ where: { workspaceId: 'ws-a1' } });
    const ids = (list: { id: string }[]) => list.map((a) => a.id).sort();
    expect(ids(await walk('', 4))).toEqual(ids(all.filter((a) => a.status === 'open' || a.status === 'acknowledged')));
    expect(ids(await walk('status=resolved&severity=high', 4))).toEqual(
      ids(all.filter((a) => a.status === 'resolved' && a.severity === 'high')),
    );
    expect(ids(await walk('status=all&rule=exfil-burst&agent=agt_1', 4))).toEqual(
      ids(all.filter((a) => a.ruleId === 'exfil-burst' && a.agentId === 'agt_1')),
    );
    expect(ids(await walk('status=all&assignee=sam@example.com', 4))).toEqual(
      ids(all.filter((a) => a.assignee === 'sam@example.com')),
    );
  });

  it('refuses an unknown severity, status or parameter, and a forged cursor', async () => {
    for (const query of [
      'severity=urgent',
      'status=closed',
      'page=2',
      'risk=ASI99',
      'cursor=WyJub3QgYSB0aW1lIiwieCJd',
    ]) {
      const answer = await api('GET', `/alerts?${query}`, rev);
      expect(answer.status, query).toBe(400);
    }
  });
});

describe('GET and PATCH /alerts/{alert_id}', () => {
  it("answers 404 for another workspace's alert, for reads and triage", async () => {
    const other = await db.alert.findFirstOrThrow({ where: { workspaceId: 'ws-a2' } });
    expect((await api('GET', `/alerts/${other.id}`, rev)).status).toBe(404);
    const patch = await api('PATCH', `/alerts/${other.id}`, { ...rev, body: { note: 'mine?' } });
    expect(patch.status).toBe(404);
    expect(await db.alertNote.count({ where: { alertId: other.id } })).toBe(0);
  });

  it("triages through the page's service, noted and audited as the token, and refuses a stale If-Match", async () => {
    const alert = await db.alert.findFirstOrThrow({ where: { workspaceId: 'ws-a1', status: 'open' } });
    const read = await api('GET', `/alerts/${alert.id}`, rev);
    expect(read.json).toMatchObject({ id: alert.id, event_ids: alert.eventIds, notes: [] });
    const etag = read.headers.get('etag')!;
    const changed = await api('PATCH', `/alerts/${alert.id}`, {
      ...rev,
      headers: { 'if-match': etag },
      body: { status: 'acknowledged', assignee: 'kim@example.com', note: 'Calling the owner.' },
    });
    expect(changed.status, changed.text).toBe(200);
    const owner = await db.user.findUniqueOrThrow({ where: { id: rev.ownerId } });
    const label = `API token ${rev.prefix}… of ${owner.email}`;
    expect(changed.json).toMatchObject({
      status: 'acknowledged',
      assignee: 'kim@example.com',
      notes: [
        { author: label, kind: 'status', text: 'open → acknowledged' },
        { author: label, kind: 'assignee', text: 'assigned to kim@example.com' },
        { author: label, kind: 'note', text: 'Calling the owner.' },
      ],
    });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'alert.triage', targetId: alert.id } });
    expect(event.actorLabel).toBe(label);
    expect(event.diff).toMatchObject({ status: { from: 'open', to: 'acknowledged' }, noted: true });

    const stale = await api('PATCH', `/alerts/${alert.id}`, {
      ...rev,
      headers: { 'if-match': etag },
      body: { status: 'resolved' },
    });
    expect(stale.status).toBe(412);
    expect((await db.alert.findUniqueOrThrow({ where: { id: alert.id } })).status).toBe('acknowledged');
    expect(await db.alertNote.count({ where: { alertId: alert.id } })).toBe(3);

    const current = (await api('GET', `/alerts/${alert.id}`, rev)).headers.get('etag')!;
    const unassign = await api('PATCH', `/alerts/${alert.id}`, {
      ...rev,
      headers: { 'if-match': current },
      body: { assignee: null },
    });
    expect(unassign.json).toMatchObject({ assignee: null, status: 'acknowledged' });
  });

  it('refuses an empty triage (400), a false positive without a note (422) and an unknown status (400)', async () => {
    const alert = await db.alert.findFirstOrThrow({ where: { workspaceId: 'ws-a1', status: 'open' } });
    const path = `/alerts/${alert.id}`;
    expect((await api('PATCH', path, { ...rev, body: {} })).status).toBe(400);
    expect((await api('PATCH', path, { ...rev, body: { status: 'false_positive' } })).status).toBe(422);
    expect((await api('PATCH', path, { ...rev, body: { status: 'closed' } })).status).toBe(400);
    expect((await db.alert.findUniqueOrThrow({ where: { id: alert.id } })).status).toBe('open');
    expect(await db.alertNote.count({ where: { alertId: alert.id } })).toBe(0);
  });
});
