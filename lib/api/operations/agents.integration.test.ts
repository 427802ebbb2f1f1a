// The agents operations through the API route on a real PostgreSQL: the Agents page's filters (same rows as the
// page), a keyset walk that neither repeats nor skips under inserts, one agent's state with why (mitigated by
// action control, accepted by an exception, a GPT's parts), another workspace as 404, and suspend/restore through
// the page's suspension service with the token named in its audit event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { parseAgentFilter } from '@/lib/agents/filter.ts';
import { commitImport, previewImport } from '@/lib/agents/import/service.ts';
import { listAgents } from '@/lib/agents/queries.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { approveException, requestException } from '@/lib/exceptions/service.ts';
import { adaptGpt } from '@/lib/gpts/adapter.ts';
import type { RawConfig, RawGpt, RawSharedUser } from '@/lib/gpts/platform/definition.ts';
import { storeGpts } from '@/lib/gpts/store.ts';
import { demoGpts } from '@/lib/platform-sim/demo-gpts.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { api, loadApi, makeToken } from '@/test/api.ts';
import { createTestDatabase } from '@/test/db.ts';
import type { AgentDetail } from './agent-shapes.ts';

const admin = { id: null, label: 'test-admin', role: 'admin' };
const ciso = { id: 'u-ciso', label: 'ciso@acme.example', role: 'ciso', roles: ['ciso'] as const };
const WS = 'ws-api-agents';
const OTHER = 'ws-api-agents-other';
const PROBLEM = 'https://tollgate.dev/problems/';
let db: Db;
let reader: string;

async function importAgents(ws: string, rows: string, fullExport = true) {
  const { id } = await previewImport(db, admin, ws, {
    filename: 'agents.csv',
    content: Buffer.from(`agent_id,agent_name,owner_email,connected_apps,status\n${rows}`),
    fullExport,
  });
  await commitImport(db, admin, ws, id, { skipInvalid: false });
}

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase('api_agents');
  process.env.TOLLGATE_API_RATE_LIMIT = '100000';
  db = createDb(process.env.DATABASE_URL);
  await loadApi();
  for (const id of [WS, OTHER]) await createWorkspace(db, admin, { id, name: id, kind: 'workspace', principal: null });
  // Gmail observed read-only: its sends are closed, so an agent with Gmail alone is a mitigated trifecta.
  await db.actionControl.create({
    data: { workspaceId: WS, side: 'observed', appId: 'gmail', enabled: true, mode: 'read_only', updatedBy: 'test' },
  });
  await importAgents(
    WS,
    [
      'agt_inbox,Inbox triage,ann@acme.example,Google Drive;Slack,published',
      'agt_mailer,Mailer,bob@acme.example,Gmail,published',
      'agt_notes,Notes,bob@acme.example,Notion,draft',
      'agt_zap,Zapper,cy@acme.example,Zapier;Slack,published',
      'agt_quiet,Quiet,cy@acme.example,,published',
      'agt_cal,Meeting prep,dee@acme.example,Calendar,published',
    ].join('\n'),
  );
  await importAgents(OTHER, 'agt_elsewhere,Elsewhere,dee@acme.example,Slack,published');
  const now = new Date();
  const { id } = await requestException(
    db,
    admin,
    WS,
    {
      title: 'Inbox triage posts to Slack',
      businessCase: 'Triage posts summaries to a private channel.',
      scope: { kind: 'trifecta', agentId: 'agt_inbox' },
      reviewAt: new Date(now.getTime() + 30 * 86_400_000),
    },
    now,
  );
  await approveException(db, ciso, WS, id, {}, now);
  const [gpt] = demoGpts(new Date('2026-12-01T12:00:00Z'));
  const adapted = await adaptGpt({
    gpt: gpt!.gpt as RawGpt,
    configs: gpt!.configs as RawConfig[],
    sharedUsers: gpt!.sharedUsers as RawSharedUser[],
  });
  await storeGpts(db, WS, [{ adapted }], { source: 'api' });
  reader = (await makeToken(db, 'auditor', WS)).token;
}, 120_000);
afterAll(async () => {
  await db.$disconnect();
  const { db: appDb } = await import('@/lib/db.ts');
  await appDb().$disconnect();
});

type Detail = z.output<typeof AgentDetail>;
type Listed = { agent_id: string; kind: string; effective_state: string; legs: Record<string, string[]> };
const ids = (json: unknown) => ((json as { data: Listed[] }).data ?? []).map((a) => a.agent_id);

describe('GET /agents', () => {
  it('filters as the Agents page does, with the same rows', async () => {
    const queries: Record<string, string>[] = [
      { state: 'accepted' },
      { state: 'mitigated' },
      { state: 'exposed' },
      { legs: '3' },
      { kind: 'custom_gpt' },
      { kind: 'workspace_agent', status: 'draft' },
      { show: 'unclassified' },
      { q: 'MAIL' },
      { owner: 'BOB@acme.example' },
      { app: 'slack' },
    ];
    for (const query of queries) {
      const answer = await api('GET', `/agents?${new URLSearchParams(query)}`, { token: reader });
      expect(answer.status, answer.text).toBe(200);
      const page = await listAgents(db, WS, { ...parseAgentFilter(query), sort: 'id', dir: 'asc', size: 100 });
      expect([query, ids(answer.json)]).toEqual([query, page.rows.map((r) => r.externalId)]);
      expect(ids(answer.json).length, JSON.stringify(query)).toBeGreaterThan(0);
    }
    const accepted = await api('GET', '/agents?state=accepted', { token: reader });
    expect(ids(accepted.json)).toEqual(['agt_inbox']);
    expect(ids((await api('GET', '/agents?state=mitigated', { token: reader })).json)).toEqual(['agt_mailer']);
    const gpts = (await api('GET', '/agents?kind=custom_gpt', { token: reader })).json as { data: Listed[] };
    expect(gpts.data.map((g) => g.kind)).toEqual(gpts.data.map(() => 'custom_gpt'));
  });

  it('refuses a value the page does not know, naming the field', async () => {
    for (const [query, field] of [
      ['state=risky', 'query.state'],
      ['legs=4', 'query.legs'],
      ['kind=bot', 'query.kind'],
      ['show=all', 'query.show'],
    ] as const) {
      const answer = await api('GET', `/agents?${query}`, { token: reader });
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({ type: `${PROBLEM}invalid-request`, errors: [{ field }] });
    }
    expect((await api('GET', '/agents?sort=name', { token: reader })).json?.type).toBe(`${PROBLEM}unknown-parameter`);
  });

  it('walks every agent once by cursor, while agents are added behind and ahead of the cursor', async () => {
    const before = ids((await api('GET', '/agents?limit=500', { token: reader })).json);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const answer = await api('GET', `/agents?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: reader });
      expect(answer.status).toBe(200);
      const body = answer.json as { data: Listed[]; next_cursor: string | null };
      expect(body.data.length).toBeLessThanOrEqual(2);
      seen.push(...body.data.map((a) => a.agent_id));
      cursor = body.next_cursor;
      pages += 1;
      if (pages === 2)
        await importAgents(WS, 'agt_0first,Early,ed@acme.example,,draft\nagt_zz,Late,ed@acme.example,,draft', false);
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => before.includes(id))).toEqual(before);
    expect(seen).toContain('agt_zz');
    expect(seen).not.toContain('agt_0first');
    expect(pages).toBeGreaterThan(2);
  });

  it('refuses a cursor it did not give', async () => {
    const answer = await api('GET', '/agents?cursor=bm9wZQ', { token: reader });
    expect(answer.json).toMatchObject({ status: 400, type: `${PROBLEM}invalid-cursor` });
  });
});

describe('GET /agents/{agent_id}', () => {
  it('explains a mitigated trifecta by the send it closes', async () => {
    const answer = await api('GET', '/agents/agt_mailer', { token: reader });
    expect(answer.status, answer.text).toBe(200);
    const body = answer.json as unknown as Detail;
    expect(body).toMatchObject({ agent_id: 'agt_mailer', kind: 'workspace_agent', trifecta: true });
    expect(body.effective_state).toBe('mitigated');
    expect(body.legs.external_send).toContain('gmail');
    expect(body.why.send_mitigations).toEqual([expect.objectContaining({ app: 'gmail', mitigated: true })]);
    expect(body.why.acceptances).toEqual([]);
    expect(body.gpt).toBeNull();
  });

  it('names the exception that accepts a trifecta, and the apps that complete it', async () => {
    const exception = await db.exception.findFirstOrThrow({ where: { workspaceId: WS, scopeKind: 'trifecta' } });
    const body = (await api('GET', '/agents/agt_inbox', { token: reader })).json as unknown as Detail;
    expect(body.effective_state).toBe('accepted');
    expect(body.why.acceptances).toEqual([
      { exception_id: exception.id, title: exception.title, review_at: exception.reviewAt.toISOString() },
    ]);
    expect(body.why.completing.length).toBeGreaterThan(0);
    expect(body.connected_apps.map((a: { app_id: string }) => a.app_id).sort()).toEqual(['google-drive', 'slack']);
  });

  it('shows a custom GPT with its sharing and the parts lighting each leg', async () => {
    const gpt = await db.agent.findFirstOrThrow({ where: { workspaceId: WS, kind: 'custom_gpt' } });
    const body = (await api('GET', `/agents/${gpt.externalId}`, { token: reader })).json as unknown as Detail;
    expect(body.kind).toBe('custom_gpt');
    expect(body.gpt!.visibility).toEqual(expect.any(String));
    const lit = Object.values(body.legs as Record<string, string[]>).flat();
    expect(body.gpt!.sources.map((s: { id: string }) => s.id).sort()).toEqual([...new Set(lit)].sort());
    expect(body.connected_apps.map((a: { app_id: string }) => a.app_id)).toEqual(expect.arrayContaining(lit));
  });

  it('answers 404 for an agent of another workspace, whatever the token reaches', async () => {
    expect((await api('GET', '/agents/agt_elsewhere', { token: reader })).status).toBe(404);
    expect((await api('GET', `/agents/agt_inbox?ws=${OTHER}`, { token: reader })).status).toBe(404);
    const everywhere = (await makeToken(db, 'auditor', null)).token;
    expect((await api('GET', `/agents/agt_elsewhere?ws=${WS}`, { token: everywhere })).status).toBe(404);
    expect((await api('GET', `/agents/agt_elsewhere?ws=${OTHER}`, { token: everywhere })).status).toBe(200);
  });
});

describe('POST /agents/{agent_id}/suspend and /restore', () => {
  it('suspends through the page’s service, audited as the token, then restores the status it had', async () => {
    const { token, prefix } = await makeToken(db, 'incident-commander', WS);
    const suspended = await api('POST', '/agents/agt_zap/suspend', {
      token,
      body: { reason: 'Posts customer data to Zapier' },
    });
    expect(suspended.status, suspended.text).toBe(201);
    const body = suspended.json as { suspension_id: string; evidence_sha256: string };
    expect(body).toMatchObject({ agent_id: 'agt_zap', mode: 'console', action: null });
    const suspension = await db.suspension.findUniqueOrThrow({ where: { id: body.suspension_id } });
    expect(suspension).toMatchObject({
      workspaceId: WS,
      externalId: 'agt_zap',
      reason: 'Posts customer data to Zapier',
    });
    const agent = await db.agent.findFirstOrThrow({ where: { workspaceId: WS, externalId: 'agt_zap' } });
    expect(agent.status).toBe('suspended');
    const evidence = await db.suspensionEvidence.findUniqueOrThrow({ where: { suspensionId: suspension.id } });
    expect(evidence.sha256).toBe(body.evidence_sha256);
    expect(await db.alert.count({ where: { workspaceId: WS, agentId: 'agt_zap' } })).toBe(1);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'agent.suspend', targetId: suspension.id } });
    expect(audit.actorLabel).toMatch(new RegExp(`^API token ${prefix}… of api-\\d+-incident-commander@example.com$`));

    const again = await api('POST', '/agents/agt_zap/suspend', { token, body: { reason: 'twice' } });
    expect(again.json).toMatchObject({ status: 409, type: `${PROBLEM}conflict` });

    const restored = await api('POST', '/agents/agt_zap/restore', { token, body: { reason: 'False alarm' } });
    expect(restored.status, restored.text).toBe(200);
    expect(restored.json).toEqual({
      suspension_id: suspension.id,
      agent_id: 'agt_zap',
      restored: true,
      status: 'published',
    });
    expect((await db.agent.findUniqueOrThrow({ where: { id: agent.id } })).status).toBe('published');
    const restoreAudit = await db.auditEvent.findFirstOrThrow({
      where: { action: 'agent.restore', targetId: suspension.id },
    });
    expect(restoreAudit.actorLabel).toBe(audit.actorLabel);
    const none = await api('POST', '/agents/agt_zap/restore', { token, body: { reason: 'again' } });
    expect(none.json).toMatchObject({ status: 409, type: `${PROBLEM}conflict` });
  });

  it('refuses a missing reason, a reader, and an agent of another workspace, changing nothing', async () => {
    const { token } = await makeToken(db, 'incident-commander', WS);
    const blank = await api('POST', '/agents/agt_notes/suspend', { token, body: { reason: '  ' } });
    expect(blank.json).toMatchObject({ status: 400, errors: [{ field: 'body.reason' }] });
    const extra = await api('POST', '/agents/agt_notes/suspend', { token, body: { reason: 'x', kind: 'drill' } });
    expect(extra.status).toBe(400);
    expect((await api('POST', '/agents/agt_notes/suspend', { token: reader, body: { reason: 'x' } })).status).toBe(403);
    expect((await api('POST', '/agents/agt_elsewhere/suspend', { token, body: { reason: 'x' } })).status).toBe(404);
    expect(await db.suspension.count({ where: { externalId: { in: ['agt_notes', 'agt_elsewhere'] } } })).toBe(0);
  });

  it('replays a retried suspension with the same Idempotency-Key instead of suspending twice', async () => {
    const { token } = await makeToken(db, 'incident-commander', WS);
    const call = () =>
      api('POST', '/agents/agt_quiet/suspend', {
        token,
        body: { reason: 'Retried by the SOAR' },
        headers: { 'idempotency-key': 'soar-run-17' },
      });
    const first = await call();
    const second = await call();
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.json).toEqual(first.json);
    expect(await db.suspension.count({ where: { externalId: 'agt_quiet' } })).toBe(1);
  });
});
