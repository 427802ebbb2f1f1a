// The import's stage (decision 0037) against a real PostgreSQL: the preview stages its classified rows once, the
// commit writes exactly those or refuses when they no longer describe the inventory, and no stage outlives its use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { saveCatalogueApp } from '@/lib/apps/service.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { commitImport, discardImport, getImport, previewImport } from './service.ts';
import { pruneImportStages, STAGE_DAYS } from './stage.ts';

const actor = { id: null, label: 'test-admin', role: 'admin' };
const header = 'agent_id,agent_name,owner_email,connected_apps';
let db: Db;

beforeAll(async () => {
  db = createDb(await createTestDatabase('import_stage'));
});
afterAll(async () => {
  await db.$disconnect();
});

async function workspace(id: string) {
  await createWorkspace(db, actor, { id, name: id, kind: 'workspace', principal: null });
  return id;
}

const preview = async (ws: string, lines: string[], now?: Date) =>
  (
    await previewImport(
      db,
      actor,
      ws,
      { filename: 'a.csv', content: Buffer.from([header, ...lines].join('\n')), fullExport: true },
      now,
    )
  ).id;

async function stages(): Promise<string[]> {
  const rows = await db.$queryRaw<{ name: string }[]>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'import_stage' ORDER BY 1`;
  return rows.map((r) => r.name);
}

const agents = (ws: string) =>
  db.agent.findMany({ where: { workspaceId: ws }, orderBy: { externalId: 'asc' }, select: { externalId: true } });

describe('import stage', () => {
  it('is written by the preview and dropped by the commit, kept when the commit rolls back', async () => {
    const ws = await workspace('ws-stage-life');
    const id = await preview(ws, ['a,A,a@acme.com,Slack', 'b,B,b@acme.com,Gmail']);
    expect(await stages()).toContain(id);
    await expect(
      commitImport(db, actor, ws, id, {
        skipInvalid: false,
        onProgress: (phase) => {
          if (phase === 'history') throw new Error('power cut');
        },
      }),
    ).rejects.toThrow('power cut');
    expect(await stages()).toContain(id);
    expect(await commitImport(db, actor, ws, id, { skipInvalid: false })).toMatchObject({ created: 2 });
    expect(await stages()).not.toContain(id);
  });

  it('is dropped by a discard', async () => {
    const ws = await workspace('ws-stage-discard');
    const id = await preview(ws, ['a,A,a@acme.com,Slack']);
    await discardImport(db, actor, ws, id);
    expect(await stages()).not.toContain(id);
  });

  it('refuses the commit when the stage lost its rows (a server crash empties UNLOGGED tables)', async () => {
    const ws = await workspace('ws-stage-truncated');
    const id = await preview(ws, ['a,A,a@acme.com,Slack', 'b,B,b@acme.com,Gmail']);
    await db.$executeRawUnsafe(`TRUNCATE import_stage."${id}"`);
    await expect(commitImport(db, actor, ws, id, { skipInvalid: false })).rejects.toThrow(/changed since this preview/);
    expect(await agents(ws)).toEqual([]);
    expect((await getImport(db, ws, id)).status).toBe('preview');
  });

  it('refuses the commit when the catalogue reclassified the agents after the preview', async () => {
    const ws = await workspace('ws-stage-catalogue');
    await commitImport(db, actor, ws, await preview(ws, ['z,Z,z@acme.com,Google Drive']), { skipInvalid: false });
    const id = await preview(ws, ['z,Z,z@acme.com,Google Drive;Zapier']);
    // Reclassifies agent z (Zapier becomes known) without touching its updatedAt: only the fingerprint tells.
    await saveCatalogueApp(db, actor, ws, {
      id: 'zapier',
      name: 'Zapier',
      aliases: [],
      legs: ['untrusted_content', 'external_send'],
      actions: [{ name: 'run_zap', access: 'write', externalSend: true, approvalCategory: null }],
    });
    await expect(commitImport(db, actor, ws, id, { skipInvalid: false })).rejects.toThrow(/changed since this preview/);
  });

  it('refuses the commit when an agent it changes was written after the preview', async () => {
    const ws = await workspace('ws-stage-row');
    await commitImport(db, actor, ws, await preview(ws, ['a,A,a@acme.com,Slack', 'b,B,b@acme.com,Slack']), {
      skipInvalid: false,
    });
    const id = await preview(ws, ['a,Renamed,a@acme.com,Slack', 'b,B,b@acme.com,Slack']);
    // Another writer touches a, leaving the workspace's count and newest updatedAt (b's) as they were.
    const [a] = await db.agent.findMany({ where: { workspaceId: ws }, orderBy: { externalId: 'asc' } });
    await db.agent.update({ where: { id: a!.id }, data: { updatedAt: new Date(a!.updatedAt.getTime() - 1000) } });
    await expect(commitImport(db, actor, ws, id, { skipInvalid: false })).rejects.toThrow(/changed since this preview/);
    expect((await db.agent.findUniqueOrThrow({ where: { id: a!.id } })).name).toBe('A');
  });

  it('is pruned by housekeeping once its import is done, gone or abandoned, and kept while committable', async () => {
    const ws = await workspace('ws-stage-prune');
    const now = new Date();
    const old = await preview(ws, ['a,A,a@acme.com,Slack'], new Date(now.getTime() - (STAGE_DAYS + 1) * 86_400_000));
    const fresh = await preview(ws, ['b,B,b@acme.com,Slack'], now);
    const orphan = await preview(ws, ['c,C,c@acme.com,Slack'], now);
    await db.inventoryImport.delete({ where: { id: orphan } });
    await pruneImportStages(db, now);
    const left = await stages();
    expect(left).toContain(fresh);
    expect(left).not.toContain(old);
    expect(left).not.toContain(orphan);
    await expect(commitImport(db, actor, ws, old, { skipInvalid: false })).rejects.toThrow(
      /changed since this preview/,
    );
  });
});
