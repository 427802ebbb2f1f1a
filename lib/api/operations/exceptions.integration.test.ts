// The exceptions operations through /api/v1 on a real PostgreSQL, beyond the contract and matrix tests: a request
// through the page's service (version, audit event naming the token, Location, Idempotency-Key), an agent named by
// the platform's id, refusals naming the field, the page's groups as a filter, a cursor walk, and scope as 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitImport, previewImport } from '@/lib/agents/import/service.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { approveException } from '@/lib/exceptions/service.ts';
import { syncFindings } from '@/lib/findings/sync.ts';
import { versionsOf } from '@/lib/history/versions.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { api, loadApi, makeToken } from '@/test/api.ts';
import { createTestDatabase } from '@/test/db.ts';

const admin = { id: null, label: 'test-admin', role: 'admin' };
const ciso = { id: 'u-ciso', label: 'ciso@example.com', role: 'ciso', roles: ['ciso'] as const };
const DAY = 86_400_000;
const day = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
let db: Db;
let rev: { token: string; prefix: string; ownerId: string };

const request = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  business_case: 'The support team needs this until the connector is gated.',
  scope: { kind: 'role_bit', bit: 'publish_agents_with_shared_connections', people: ['Lee@Example.com'] },
  review_at: day(30),
  ...extra,
});

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase('apiexceptions');
  process.env.TOLLGATE_API_RATE_LIMIT = '100000';
  db = createDb(process.env.DATABASE_URL);
  await loadApi();
  for (const id of ['ws-e1', 'ws-e2'])
    await createWorkspace(db, admin, { id, name: id, kind: 'workspace', principal: null });
  await db.actionControl.create({
    data: { workspaceId: 'ws-e1', side: 'observed', appId: 'slack', enabled: true, mode: 'allow_all', updatedBy: 't' },
  });
  await db.$transaction((tx) => syncFindings(tx, 'ws-e1', new Date()));
  const { id } = await previewImport(db, admin, 'ws-e1', {
    filename: 'agents.csv',
    content: Buffer.from('agent_id,agent_name,owner_email,connected_apps\nagt_helpdesk,Helpdesk,o@example.com,Gmail\n'),
    fullExport: true,
  });
  await commitImport(db, admin, 'ws-e1', id, { skipInvalid: false });
  rev = await makeToken(db, 'reviewer', 'ws-e1');
}, 120_000);
afterAll(async () => {
  await db.$disconnect();
  const { db: appDb } = await import('@/lib/db.ts');
  await appDb().$disconnect();
});

const fieldsOf = (json: Record<string, unknown> | undefined) =>
  ((json?.errors ?? []) as { field: string }[]).map((e) => e.field);

describe('POST /exceptions', () => {
  it("requests through the page's service: 201, Location, version and audit event naming the token", async () => {
    const made = await api('POST', '/exceptions', {
      ...rev,
      body: request('Slack allow_all for support', {
        scope: { kind: 'action_control', app_id: 'slack', mode: 'allow_all' },
        finding_keys: ['allow-all:slack'],
        cab_ticket: 'CAB-7',
        links: ['https://tickets.example.com/CAB-7'],
      }),
    });
    expect(made.status, made.text).toBe(201);
    const owner = await db.user.findUniqueOrThrow({ where: { id: rev.ownerId } });
    const label = `API token ${rev.prefix}… of ${owner.email}`;
    const id = made.json?.id as string;
    expect(made.json).toMatchObject({
      status: 'requested',
      requested_by: label,
      scope: { kind: 'action_control', app_id: 'slack', mode: 'allow_all' },
      finding_keys: ['allow-all:slack'],
      findings: [{ key: 'allow-all:slack', status: 'open' }],
      attachments: [{ url: 'https://tickets.example.com/CAB-7', added_by: label }],
    });
    const location = made.headers.get('location')!;
    expect(location).toBe(`/api/v1/exceptions/${id}?ws=ws-e1`);
    const again = await api('GET', location.slice('/api/v1'.length), rev);
    expect(again.json).toEqual(made.json);

    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'exceptions.request', targetId: id } });
    expect(event.actorLabel).toBe(label);
    expect(event.workspaceId).toBe('ws-e1');
    expect((await versionsOf(db, 'ws-e1', 'exception', id)).length).toBe(1);
  });

  it("names an agent by the platform's id, as every operation does", async () => {
    const made = await api('POST', '/exceptions', {
      ...rev,
      body: request('Helpdesk sends without a gate', {
        scope: { kind: 'approval_gate', agent_id: 'agt_helpdesk', categories: ['send_email'] },
      }),
    });
    expect(made.status, made.text).toBe(201);
    const agent = await db.agent.findFirstOrThrow({ where: { workspaceId: 'ws-e1', externalId: 'agt_helpdesk' } });
    expect(made.json?.scope).toEqual({
      kind: 'approval_gate',
      agent_id: 'agt_helpdesk',
      config_hash: agent.configHash,
      categories: ['send_email'],
    });
    const row = await db.exception.findUniqueOrThrow({ where: { id: made.json?.id as string } });
    expect(row.scope).toMatchObject({ agentId: agent.id });
  });

  it('answers a repeated Idempotency-Key with the first answer, creating one exception', async () => {
    const call = { ...rev, headers: { 'idempotency-key': 'req-once-1' }, body: request('Only once') };
    const first = await api('POST', '/exceptions', call);
    const second = await api('POST', '/exceptions', call);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.json?.id).toBe(first.json?.id);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(await db.exception.count({ where: { workspaceId: 'ws-e1', title: 'Only once' } })).toBe(1);
  });

  it('refuses bad input naming the field (400) and what the service refuses (422), writing nothing', async () => {
    const before = await db.exception.count();
    const badScope = await api('POST', '/exceptions', {
      ...rev,
      body: request('Bad', { scope: { kind: 'everything' } }),
    });
    expect(badScope.status).toBe(400);
    expect(fieldsOf(badScope.json)[0]).toMatch(/^body\.scope/);
    const badFields = await api('POST', '/exceptions', {
      ...rev,
      body: request('Bad', { review_at: 'next week', links: ['http://plain.example.com'], extra: 1 }),
    });
    expect(badFields.status).toBe(400);
    expect(fieldsOf(badFields.json)).toEqual(expect.arrayContaining(['body.review_at', 'body.links.0']));
    const tooFar = await api('POST', '/exceptions', { ...rev, body: request('Too far', { review_at: day(120) }) });
    expect(tooFar.status).toBe(422);
    expect(tooFar.json?.detail).toMatch(/at most 90/);
    const unknown = await api('POST', '/exceptions', { ...rev, body: request('Unknown', { finding_keys: ['nope'] }) });
    expect(unknown.status).toBe(422);
    expect(await db.exception.count()).toBe(before);
  });
});

describe('GET /exceptions and /exceptions/{exception_id}', () => {
  it("filters by the page's groups, derived now, and walks newest request first", async () => {
    const made = await api('POST', '/exceptions', { ...rev, body: request('To approve', { review_at: day(10) }) });
    await approveException(db, { ...ciso, roles: [...ciso.roles] }, 'ws-e1', made.json?.id as string);
    const rows = await db.exception.findMany({
      where: { workspaceId: 'ws-e1' },
      orderBy: [{ requestedAt: 'desc' }, { id: 'desc' }],
    });
    const seen: { id: string; status: string }[] = [];
    let cursor: string | null = null;
    do {
      const page = await api('GET', `/exceptions?limit=2${cursor ? `&cursor=${cursor}` : ''}`, rev);
      const body = page.json as { data: { id: string; status: string }[]; next_cursor: string | null };
      seen.push(...body.data);
      cursor = body.next_cursor;
    } while (cursor);
    expect(seen.map((e) => e.id)).toEqual(rows.map((r) => r.id));

    const ids = async (status: string) =>
      ((await api('GET', `/exceptions?status=${status}`, rev)).json!.data as { id: string }[]).map((e) => e.id);
    expect(await ids('approved')).toEqual([made.json?.id]);
    expect(await ids('expiring')).toEqual([made.json?.id]);
    expect((await ids('requested')).length).toBe(rows.length - 1);
    expect(await ids('expired')).toEqual([]);
    // At the review date it is expired, with no job having run.
    await db.exception.update({ where: { id: made.json?.id as string }, data: { reviewAt: new Date(Date.now() - 1) } });
    expect(await ids('expired')).toEqual([made.json?.id]);
    expect(await ids('approved')).toEqual([]);
    expect((await api('GET', '/exceptions?status=lapsed', rev)).status).toBe(400);
  });

  it("answers 404 for another workspace's exception", async () => {
    const everywhere = await makeToken(db, 'reviewer', null);
    const made = await api('POST', '/exceptions?ws=ws-e2', { ...everywhere, body: request('Elsewhere') });
    expect(made.status, made.text).toBe(201);
    const id = made.json?.id as string;
    expect((await api('GET', `/exceptions/${id}`, rev)).status).toBe(404);
    expect((await api('GET', `/exceptions/${id}?ws=ws-e1`, everywhere)).status).toBe(404);
    expect((await api('GET', `/exceptions/${id}?ws=ws-e2`, everywhere)).status).toBe(200);
    expect((await api('POST', '/exceptions?ws=ws-e2', { ...rev, body: request('Not mine') })).status).toBe(404);
  });
});
