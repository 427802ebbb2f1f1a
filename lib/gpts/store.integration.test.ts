// The GPT store against a real PostgreSQL: what a change writes (sharing, owner, name → history and status), what
// it keeps (a suspension), what it refuses (an id a workspace agent holds), a detail read that failed and is
// retried, and an approved trifecta exception that makes a GPT `accepted` through the agents' reclassification.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { reclassifyWorkspace } from '@/lib/agents/reclassify.ts';
import { currentCatalogue } from '@/lib/apps/queries.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { adaptGpt } from '@/lib/gpts/adapter.ts';
import type { RawConfig, RawGpt, RawSharedUser } from '@/lib/gpts/platform/definition.ts';
import { demoGpts } from '@/lib/platform-sim/demo-gpts.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { storeGpts } from './store.ts';

const actor = { id: null, label: 'test-admin', role: 'admin' };
const WS = 'ws-gpt-store';
const DEMO = demoGpts(new Date('2026-12-01T12:00:00Z'));
const byName = (name: string) => DEMO.find((d) => (d.gpt.latest_config as { name: string }).name === name)!;
let db: Db;

beforeAll(async () => {
  db = createDb(await createTestDatabase('gpt_store'));
  await createWorkspace(db, actor, { id: WS, name: WS, kind: 'workspace', principal: null });
});
afterAll(async () => {
  await db.$disconnect();
});

async function store(gpt: Record<string, unknown>, configs: unknown[] | null = null, retryDetails = false) {
  const adapted = await adaptGpt({
    gpt: gpt as RawGpt,
    configs: configs as RawConfig[] | null,
    sharedUsers: null as RawSharedUser[] | null,
  });
  return storeGpts(db, WS, [{ adapted, retryDetails }], { source: 'api' });
}
const agentOf = (gptId: unknown) =>
  db.agent.findFirstOrThrow({ where: { workspaceId: WS, externalId: String(gptId) }, include: { gptState: true } });
const kinds = async (agentId: string) =>
  (await db.agentHistory.findMany({ where: { agentId }, orderBy: { id: 'asc' } })).map((h) => h.kind);

describe('storing a GPT', () => {
  it('records sharing, owner and name changes in the timeline, and the status follows the sharing', async () => {
    const d = byName('Release notes polisher');
    await store(d.gpt, d.configs);
    const first = await agentOf(d.gpt.id);
    expect(first).toMatchObject({ kind: 'custom_gpt', status: 'draft', ownerEmail: d.gpt.owner_email });

    const changed = {
      ...d.gpt,
      owner_email: 'new.owner@acme.example',
      sharing: { visibility: 'workspace', recipients: [] },
      latest_config: { ...(d.gpt.latest_config as object), name: 'Release notes writer' },
    };
    expect(await store(changed)).toMatchObject({ changed: 1, created: 0 });
    const after = await agentOf(d.gpt.id);
    expect(after).toMatchObject({ status: 'published', name: 'Release notes writer' });
    expect(after.configHash).not.toBe(first.configHash);
    expect(await kinds(after.id)).toEqual(['created', 'renamed', 'owner_changed', 'gpt_sharing_changed']);
    const sharing = await db.agentHistory.findFirstOrThrow({
      where: { agentId: after.id, kind: 'gpt_sharing_changed' },
    });
    expect(sharing.detail).toMatchObject({ from: 'private', to: 'workspace' });
  });

  it('keeps a suspension through a re-read that changes the GPT', async () => {
    const d = byName('SQL explainer');
    await store(d.gpt, d.configs);
    const agent = await agentOf(d.gpt.id);
    await db.agent.update({ where: { id: agent.id }, data: { status: 'suspended' } });
    await store({ ...d.gpt, sharing: { visibility: 'private', recipients: [] } });
    expect((await agentOf(d.gpt.id)).status).toBe('suspended');
  });

  it('refuses a GPT whose id a workspace agent already has, and stores the rest of the batch', async () => {
    const d = byName('Jira ticket writer');
    await db.agent.create({
      data: {
        workspaceId: WS,
        externalId: String(d.gpt.id),
        name: 'An agent',
        ownerEmail: 'a@acme.example',
        connectors: [],
        configHash: 'x',
        legs: {},
        legCount: 0,
        trifecta: false,
        effectiveState: 'none',
      },
    });
    const other = byName('Board deck helper');
    const items = await Promise.all(
      [d, other].map(async (x) => ({ adapted: await adaptGpt({ gpt: x.gpt as RawGpt }) })),
    );
    const outcome = await storeGpts(db, WS, items, { source: 'api' });
    expect(outcome.refused).toEqual([
      { id: String(d.gpt.id), field: 'id', message: 'a workspace agent already has this id' },
    ]);
    expect(outcome.created).toBe(1);
    expect((await agentOf(d.gpt.id)).kind).toBe('workspace_agent');
  });

  it('stores a GPT whose details failed without its hash, so the same object is stored again next time', async () => {
    const d = byName('IT onboarding guide');
    await store(d.gpt, null, true);
    expect((await agentOf(d.gpt.id)).gptState!.rawSha256).toBeNull();
    expect(await store(d.gpt, d.configs)).toMatchObject({ changed: 1 });
    const state = (await agentOf(d.gpt.id)).gptState!;
    expect(state.rawSha256).toMatch(/^[0-9a-f]{64}$/);
    const versions = await db.gptConfigVersion.count({ where: { agentId: state.agentId } });
    expect(versions).toBe(d.configs.length);
  });

  it('stores the same new GPT from two writers at once exactly once', async () => {
    const d = byName('Contract clause checker');
    const adapted = await adaptGpt({ gpt: d.gpt as RawGpt, configs: d.configs as RawConfig[] });
    const outcomes = await Promise.all(
      [1, 2].map(() => storeGpts(db, WS, [{ adapted: structuredClone(adapted) }], { source: 'api' })),
    );
    expect(outcomes.map((o) => o.created).sort()).toEqual([0, 1]);
    expect(outcomes.map((o) => o.unchanged).sort()).toEqual([0, 1]);
    const agent = await agentOf(d.gpt.id);
    expect(await kinds(agent.id)).toEqual(['created']);
  });

  it('is accepted while an approved trifecta exception covers its configuration hash', async () => {
    const d = byName('Market research analyst');
    await store(d.gpt, d.configs);
    const agent = await agentOf(d.gpt.id);
    expect(agent.effectiveState).toBe('exposed');
    const now = new Date();
    await db.exception.create({
      data: {
        workspaceId: WS,
        title: 'Research pilot',
        businessCase: 'Pilot',
        scopeKind: 'trifecta',
        scope: { agentId: agent.id, configHash: agent.configHash },
        status: 'approved',
        requestedBy: 'rev@acme.example',
        requestedAt: now,
        reviewAt: new Date(now.getTime() + 30 * 86_400_000),
      },
    });
    await db.$transaction(async (tx) => reclassifyWorkspace(tx, WS, await currentCatalogue(tx, WS), [agent.id], now));
    expect((await agentOf(d.gpt.id)).effectiveState).toBe('accepted');
  });
});
