// The demo workspace on a fresh database: a believable inventory, classified the way its comments say.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { parseInventory } from '@/lib/agents/inventory-csv.ts';
import { catalogueHistory, currentCatalogue } from '@/lib/apps/queries.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { DEMO_WORKSPACE, seedDemoWorkspace } from './demo.ts';
import { DEMO_EXPORT, DEMO_LATER_EXPORT } from './demo-agents.ts';

let db: Db;
const ws = DEMO_WORKSPACE.id;

beforeAll(async () => {
  db = createDb(await createTestDatabase('seed'));
  expect(await seedDemoWorkspace(db)).toBe(true);
});
afterAll(async () => {
  await db.$disconnect();
});

async function agent(name: string) {
  return db.agent.findFirstOrThrow({
    where: { workspaceId: ws, name },
    include: { history: { orderBy: { id: 'asc' } } },
  });
}

describe('demo seed', () => {
  it('embeds two valid exports of about forty agents, several owners and every status', async () => {
    for (const csv of [DEMO_EXPORT, DEMO_LATER_EXPORT]) {
      const parsed = await parseInventory(csv);
      expect(parsed.fatal).toBeNull();
      expect(parsed.errors).toEqual([]);
      expect(parsed.rows.length).toBeGreaterThanOrEqual(40);
      expect(new Set(parsed.rows.map((r) => r.ownerEmail)).size).toBeGreaterThanOrEqual(10);
      expect(parsed.rows.every((r) => r.ownerEmail.endsWith('@acme.example'))).toBe(true);
    }
    const statuses = new Set((await parseInventory(DEMO_EXPORT)).rows.map((r) => r.status));
    expect([...statuses].sort()).toEqual(['draft', 'pending_review', 'published', 'suspended']);
  });

  it('seeds only an empty database', async () => {
    expect(await seedDemoWorkspace(db)).toBe(false);
    expect(await db.inventoryImport.count()).toBe(2);
  });

  it('imports both exports through the import service, with their audit events', async () => {
    const imports = await db.inventoryImport.findMany({ where: { workspaceId: ws }, orderBy: { uploadedAt: 'asc' } });
    expect(imports.map((i) => [i.status, i.fullExport])).toEqual([
      ['committed', true],
      ['committed', true],
    ]);
    expect(imports[1]!.outcome).toMatchObject({
      created: 1,
      changed: 6,
      missing: 1,
      skipped: [],
      newlyTrifectaCount: 2,
      newlyTrifecta: expect.arrayContaining([
        { agentId: 'agt_od7tzttcyomeetgv', name: 'Release notes bot' },
        { agentId: 'agt_jvjgxmsajxojh2qb', name: 'Renewal risk radar' },
      ]),
    });
    expect(await db.auditEvent.count({ where: { workspaceId: ws, action: 'agents.import' } })).toBe(2);
  });

  it('is a believable mix: exposed trifecta agents, some mitigated by read-only control, clean ones', async () => {
    const agents = await db.agent.findMany({
      where: { workspaceId: ws, kind: 'workspace_agent', NOT: { externalId: { startsWith: 'agent-' } } },
    });
    const inExport = agents.filter((a) => a.inLatestExport);
    const exposed = inExport.filter((a) => a.effectiveState === 'exposed');
    const mitigated = inExport.filter((a) => a.effectiveState === 'mitigated');
    const none = inExport.filter((a) => a.effectiveState === 'none');
    expect(agents).toHaveLength(43);
    expect(inExport).toHaveLength(42);
    expect(exposed).toHaveLength(16);
    expect(mitigated.map((a) => a.name).sort()).toEqual(['IT helpdesk', 'Phishing report triage']);
    expect(none).toHaveLength(24);
    expect(exposed.every((a) => a.trifecta && a.legCount === 3)).toBe(true);
    expect(none.every((a) => !a.trifecta)).toBe(true);
    expect(
      none.some((a) => a.legCount === 0) && none.some((a) => a.legCount === 1) && none.some((a) => a.legCount === 2),
    ).toBe(true);
    expect(new Set(inExport.map((a) => a.ownerEmail)).size).toBeGreaterThanOrEqual(10);
  });

  it('classifies single-app trifectas and the mixes that make one', async () => {
    expect(await agent('Inbox triage')).toMatchObject({
      appIds: ['gmail'],
      effectiveState: 'exposed',
      breakApps: ['gmail'],
    });
    expect(await agent('Meeting prep')).toMatchObject({ appIds: ['google-calendar'], effectiveState: 'exposed' });
    // Outlook is read-only in the observed action control (6.2): its sends are closed, so mitigated.
    expect(await agent('IT helpdesk')).toMatchObject({
      appIds: ['outlook', 'sharepoint'],
      trifecta: true,
      effectiveState: 'mitigated',
    });
    expect(await agent('Board deck polisher')).toMatchObject({
      appIds: ['google-drive', 'slack'],
      effectiveState: 'exposed',
    });
    expect(await agent('NDA reviewer')).toMatchObject({
      apps: ['google_drive', 'Docs'],
      appIds: ['google-drive', 'google-docs'],
      effectiveState: 'none',
    });
    expect(await agent('Customer interview synthesizer')).toMatchObject({
      appIds: ['google-drive', 'google-docs'],
      effectiveState: 'none',
    });
    expect(await agent('Translation helper')).toMatchObject({ apps: [], legCount: 0, effectiveState: 'none' });
  });

  it('counts the unclassified MCP server for every leg, and the classified one for its own', async () => {
    const crm = await agent('Account research');
    expect(crm).toMatchObject({ unclassifiedMcp: ['mcp:acme-crm'], effectiveState: 'exposed' });
    const planner = await agent('Sprint planner');
    expect(planner).toMatchObject({
      appIds: ['mcp:jira-sync'],
      unclassifiedMcp: [],
      legCount: 2,
      trifecta: false,
      effectiveState: 'none',
    });
    expect(planner.legs).toEqual({
      private_data: ['mcp:jira-sync'],
      untrusted_content: ['mcp:jira-sync'],
      external_send: [],
    });
    expect(await agent('Daily standup digest')).toMatchObject({
      appIds: ['mcp:jira-sync', 'slack'],
      unclassifiedMcp: [],
      effectiveState: 'exposed',
    });

    const catalogue = await currentCatalogue(db, ws);
    expect(catalogue.apps.find((a) => a.id === 'mcp:jira-sync')).toMatchObject({
      legs: ['private_data', 'untrusted_content'],
      actions: expect.arrayContaining([expect.objectContaining({ access: 'write' })]),
    });
    expect((await catalogueHistory(db, ws)).map((v) => [v.version, (v.change as { kind: string }).kind])).toEqual([
      [2, 'update'],
      [1, 'add'],
    ]);
  });

  it('keeps apps the catalogue does not know, lighting no leg', async () => {
    const agents = await db.agent.findMany({ where: { workspaceId: ws, NOT: { unknownApps: { isEmpty: true } } } });
    expect([...new Set(agents.flatMap((a) => a.unknownApps))].sort()).toEqual(['Miro', 'Zapier']);
    expect(await agent('Social post scheduler')).toMatchObject({ unknownApps: ['Zapier'], trifecta: false });
  });

  it('leaves history timelines from the later export', async () => {
    const kinds = async (name: string) => (await agent(name)).history.map((h) => [h.kind, h.detail]);
    expect(await kinds('Release notes bot')).toEqual([
      ['created', { apps: ['GitHub'], ownerEmail: 'marcus.lee@acme.example', name: 'Release notes bot' }],
      ['apps_changed', { added: ['Slack'], removed: [] }],
    ]);
    expect((await agent('Release notes bot')).effectiveState).toBe('exposed');
    expect((await kinds('Expense policy Q&A'))[1]).toEqual([
      'owner_changed',
      { from: 'tom.becker@acme.example', to: 'nora.walsh@acme.example' },
    ]);
    expect((await kinds('Onboarding buddy'))[1]).toEqual(['apps_changed', { added: [], removed: ['Slack'] }]);
    expect((await agent('Onboarding buddy')).trifecta).toBe(false);
    expect((await kinds('Daily standup digest'))[1]).toEqual([
      'renamed',
      { from: 'Standup digest', to: 'Daily standup digest' },
    ]);
    expect((await kinds('Vendor risk screener'))[1]).toEqual([
      'status_changed',
      { from: 'pending_review', to: 'published' },
    ]);
    const legacy = await agent('Legacy FAQ bot');
    expect(legacy.inLatestExport).toBe(false);
    expect(legacy.history.map((h) => h.kind)).toEqual(['created', 'missing_from_export']);
    // Spelled differently in the later export, but the same apps: no change recorded.
    expect((await kinds('Inbox triage')).map(([k]) => k)).toEqual(['created']);
    expect((await kinds('NDA reviewer')).map(([k]) => k)).toEqual(['created']);
  });
});
