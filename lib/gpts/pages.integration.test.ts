// The reads behind the Agents page's kind filter and the GPT page, against a real PostgreSQL: the demo's GPTs
// stored beside workspace agents, the kind filter and counts, and the GPT's latest approval on the register.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAgentFilter } from '@/lib/agents/filter.ts';
import { agentsForExport, fleetSummary, kindCounts, listAgents } from '@/lib/agents/queries.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { adaptGpt } from '@/lib/gpts/adapter.ts';
import type { RawConfig, RawGpt, RawSharedUser } from '@/lib/gpts/platform/definition.ts';
import { gptWithVersions, latestGptApproval, listGpts } from '@/lib/gpts/queries.ts';
import { storeGpts } from '@/lib/gpts/store.ts';
import { demoGpts } from '@/lib/platform-sim/demo-gpts.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { createTestDatabase } from '@/test/db.ts';

const actor = { id: null, label: 'test-admin', role: 'admin' };
const WS = 'ws-gpt-pages';
const AGENTS = ['agent-a', 'agent-b', 'agent-c'];
let db: Db;

beforeAll(async () => {
  db = createDb(await createTestDatabase('gpt_pages'));
  await createWorkspace(db, actor, { id: WS, name: WS, kind: 'workspace', principal: null });
  const demo = demoGpts(new Date('2026-12-01T12:00:00Z')).slice(0, 7);
  const batch = await Promise.all(
    demo.map(async (d) => ({
      adapted: await adaptGpt({
        gpt: d.gpt as RawGpt,
        configs: d.configs as RawConfig[],
        sharedUsers: d.sharedUsers as RawSharedUser[],
      }),
    })),
  );
  await storeGpts(db, WS, batch, { source: 'api' });
  await db.agent.createMany({
    data: AGENTS.map((externalId) => ({
      workspaceId: WS,
      externalId,
      name: externalId,
      ownerEmail: 'owner@acme.example',
      apps: [],
      connectors: [],
      configHash: 'h',
      appIds: [],
      unknownApps: [],
      unclassifiedMcp: [],
      legs: { private_data: [], untrusted_content: [], external_send: [] },
      legCount: 0,
      trifecta: false,
      breakApps: [],
      effectiveState: 'none',
    })),
  });
});
afterAll(async () => {
  await db.$disconnect();
});

describe('the Agents page by kind', () => {
  it('lists only the kind asked for, counts both and exports the kind', async () => {
    const gpts = (await listGpts(db, WS)).map((g) => g.gptId).sort();
    expect(gpts.length).toBeGreaterThan(1);
    const ids = async (kind?: string) =>
      (await listAgents(db, WS, parseAgentFilter({ size: '100', sort: 'id', dir: 'asc', ...(kind ? { kind } : {}) })))
        .rows;
    expect((await ids('custom_gpt')).map((r) => r.externalId).sort()).toEqual(gpts);
    expect((await ids('custom_gpt')).every((r) => r.kind === 'custom_gpt')).toBe(true);
    expect((await ids('workspace_agent')).map((r) => r.externalId).sort()).toEqual(AGENTS);
    expect(await ids('something_else')).toHaveLength(gpts.length + AGENTS.length);
    expect(await kindCounts(db, WS)).toEqual({ workspace_agent: AGENTS.length, custom_gpt: gpts.length });
    const exported: string[] = [];
    for await (const a of agentsForExport(db, WS, parseAgentFilter({ kind: 'workspace_agent' }))) exported.push(a.kind);
    expect(exported).toEqual(AGENTS.map(() => 'workspace_agent'));
  });

  it('sums the fleet at a glance over the kind the page is filtered to', async () => {
    const gpts = await fleetSummary(db, WS, 'custom_gpt');
    const agents = await fleetSummary(db, WS, 'workspace_agent');
    const all = await fleetSummary(db, WS);
    expect(gpts.total).toBe((await listGpts(db, WS)).length);
    expect(agents.total).toBe(AGENTS.length);
    expect(all.total).toBe(gpts.total + agents.total);
    expect(all.legs).toEqual(all.legs.map((_, i) => gpts.legs[i]! + agents.legs[i]!));
  });
});

describe('a GPT page', () => {
  it('reads the newest approval on the register', async () => {
    const [g] = await listGpts(db, WS);
    const full = await gptWithVersions(db, WS, g!.gptId);
    expect(full!.versions.length).toBeGreaterThan(1);
    expect(await latestGptApproval(db, WS, g!.agentId)).toBeNull();
    const entry = (hash: string, at: string) => ({
      workspaceId: WS,
      agentId: g!.agentId,
      externalId: g!.gptId,
      agentName: g!.name,
      ownerEmail: g!.ownerEmail,
      configHash: hash,
      approvers: ['rhea@acme.example'],
      decisionIds: [],
      effectiveAt: new Date(at),
      kind: 'custom_gpt',
    });
    await db.registerEntry.createMany({
      data: [entry(full!.versions[0]!.riskHash, '2026-11-01T00:00:00Z'), entry(g!.configHash, '2026-11-20T00:00:00Z')],
    });
    expect(await latestGptApproval(db, WS, g!.agentId)).toMatchObject({ configHash: g!.configHash });
  });
});
