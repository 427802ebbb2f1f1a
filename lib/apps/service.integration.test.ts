// The catalogue against a real PostgreSQL: versioned history, the catalogue at a past date, agents reclassified.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { commitImport, previewImport } from '@/lib/agents/import/service.ts';
import { catalogueAt, catalogueHistory, currentCatalogue } from './queries.ts';
import { removeCatalogueApp, saveCatalogueApp, setCatalogueProfile } from './service.ts';

const actor = { id: null, label: 'test-admin', role: 'admin' };
let db: Db;

beforeAll(async () => {
  db = createDb(await createTestDatabase('catalogue'));
});
afterAll(async () => {
  await db.$disconnect();
});

async function workspaceWithAgents(id: string, csv: string) {
  await createWorkspace(db, actor, { id, name: id, kind: 'workspace', principal: null });
  const { id: importId } = await previewImport(db, actor, id, {
    filename: 'a.csv',
    content: Buffer.from(`agent_id,agent_name,owner_email,connected_apps\n${csv}`),
    fullExport: true,
  });
  await commitImport(db, actor, id, importId, { skipInvalid: false });
}

const state = async (ws: string, externalId: string) =>
  db.agent.findUniqueOrThrow({
    where: { workspaceId_externalId: { workspaceId: ws, externalId } },
    select: { effectiveState: true, legCount: true, unknownApps: true, appIds: true },
  });

describe('app catalogue', () => {
  it('starts as the guide profile and reclassifies agents when the profile changes', async () => {
    const ws = 'ws-cat-profile';
    await workspaceWithAgents(ws, 'files,Files,a@acme.com,Drive;GitHub\n');
    expect((await currentCatalogue(db, ws)).profile).toBe('guide');
    expect(await state(ws, 'files')).toMatchObject({ effectiveState: 'none', legCount: 2 });

    const before = new Date();
    await new Promise((r) => setTimeout(r, 5));
    expect(await setCatalogueProfile(db, actor, ws, 'strict')).toEqual({ version: 1, reclassified: 1 });
    expect(await state(ws, 'files')).toMatchObject({ effectiveState: 'exposed', legCount: 3 });
    expect((await catalogueAt(db, ws, before)).profile).toBe('guide');
    expect((await catalogueAt(db, ws, new Date())).profile).toBe('strict');
    await expect(setCatalogueProfile(db, actor, ws, 'strict')).rejects.toThrow(/already uses/);
    const audit = await db.auditEvent.findFirst({ where: { action: 'apps.profile', workspaceId: ws } });
    expect(audit?.diff).toMatchObject({ from: 'guide', to: 'strict', version: 1, reclassified: 1 });
  });

  it('classifies an unknown app and an MCP server by adding entries, keeping every version', async () => {
    const ws = 'ws-cat-edit';
    await workspaceWithAgents(ws, 'z,Zap,a@acme.com,Drive;Zapier\nm,CRM,b@acme.com,mcp:acme-crm\n');
    expect(await state(ws, 'z')).toMatchObject({ unknownApps: ['Zapier'], legCount: 1 });
    expect(await state(ws, 'm')).toMatchObject({ effectiveState: 'exposed' });

    await saveCatalogueApp(db, actor, ws, {
      id: 'zapier',
      name: 'Zapier',
      aliases: [],
      legs: ['untrusted_content', 'external_send'],
      actions: [{ name: 'run_zap', access: 'write', externalSend: true, approvalCategory: null }],
    });
    expect(await state(ws, 'z')).toMatchObject({
      unknownApps: [],
      appIds: ['google-drive', 'zapier'],
      effectiveState: 'exposed',
    });

    // Classified with all three legs: the state is unchanged, but it is no longer "unclassified".
    await saveCatalogueApp(db, actor, ws, {
      id: 'mcp:acme-crm',
      name: 'Acme CRM',
      aliases: [],
      legs: ['private_data', 'untrusted_content', 'external_send'],
      actions: [],
    });
    expect(
      await db.agent.findFirstOrThrow({
        where: { workspaceId: ws, externalId: 'm' },
        select: { unclassifiedMcp: true, effectiveState: true },
      }),
    ).toEqual({ unclassifiedMcp: [], effectiveState: 'exposed' });
    await saveCatalogueApp(
      db,
      actor,
      ws,
      { id: 'mcp:acme-crm', name: 'Acme CRM', aliases: [], legs: ['private_data'], actions: [] },
      'mcp:acme-crm',
    );
    expect(await state(ws, 'm')).toMatchObject({ effectiveState: 'none', legCount: 1 });

    await expect(
      saveCatalogueApp(db, actor, ws, { id: 'zap2', name: 'Zap two', aliases: ['Zapier'], legs: [], actions: [] }),
    ).rejects.toThrow(/share a name/);
    await expect(
      saveCatalogueApp(db, actor, ws, { id: 'bad', name: 'Bad', aliases: [], legs: ['secret'], actions: [] }),
    ).rejects.toThrow(/^legs\.0: /);

    await removeCatalogueApp(db, actor, ws, 'zapier');
    expect(await state(ws, 'z')).toMatchObject({ unknownApps: ['Zapier'] });
    const history = await catalogueHistory(db, ws);
    expect(history.map((h) => [h.version, (h.change as { kind: string }).kind])).toEqual([
      [4, 'remove'],
      [3, 'update'],
      [2, 'add'],
      [1, 'add'],
    ]);
  });

  it('refuses to rewrite a catalogue version', async () => {
    const ws = 'ws-cat-immutable';
    await workspaceWithAgents(ws, 'a,A,a@acme.com,Slack\n');
    await setCatalogueProfile(db, actor, ws, 'strict');
    await expect(
      db.appCatalogueVersion.updateMany({ where: { workspaceId: ws }, data: { profile: 'guide' } }),
    ).rejects.toThrow(/history and cannot be changed/);
  });
});
