// Inventory import against a real PostgreSQL: a messy export, its preview, all-or-nothing commit, history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { commitImport, getImport, previewImport } from './service.ts';

const actor = { id: null, label: 'test-admin', role: 'admin' };
let db: Db;

beforeAll(async () => {
  db = createDb(await createTestDatabase('import'));
});
afterAll(async () => {
  await db.$disconnect();
});

async function workspace(id: string) {
  await createWorkspace(db, actor, { id, name: id, kind: 'workspace', principal: null });
  return id;
}

const MESSY = [
  '\ufeffagent_id,agent_name,owner_email,connected_apps',
  'ag-1,"Inbox, triage",Ann@Acme.com,"Gmail, Slack"',
  'ag-2,"=HYPERLINK(""http://evil""),""x"")",bob@acme.com,Google Drive|Docs',
  'ag-1,Duplicate,ann@acme.com,Slack',
  'ag-3,No owner,,Slack',
  'ag-4,Bad owner,not-an-email,Slack',
  'ag-5,"Multi',
  'line",carol@acme.com,mcp:acme-crm;Zapier',
  '',
].join('\r\n');

async function commitFile(ws: string, csv: string, options: { fullExport?: boolean; skipInvalid?: boolean } = {}) {
  const { id } = await previewImport(db, actor, ws, {
    filename: 'agents.csv',
    content: Buffer.from(csv),
    fullExport: options.fullExport ?? true,
  });
  return { id, outcome: await commitImport(db, actor, ws, id, { skipInvalid: options.skipInvalid ?? false }) };
}

describe('inventory import', () => {
  it('previews every invalid row with its line, and the changes, writing nothing', async () => {
    const ws = await workspace('ws-import-preview');
    const { id } = await previewImport(db, actor, ws, {
      filename: 'agents.csv',
      content: Buffer.from(MESSY),
      fullExport: true,
    });
    const record = await getImport(db, ws, id);
    expect(record.status).toBe('preview');
    expect(record.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(record.preview.errors).toEqual([
      { line: 4, agentId: 'ag-1', reason: 'duplicate agent_id ag-1 (first on line 2)' },
      { line: 5, agentId: 'ag-3', reason: 'missing owner_email' },
      { line: 6, agentId: 'ag-4', reason: 'bad owner_email "not-an-email"' },
    ]);
    expect(record.preview.counts).toEqual({ created: 3, changed: 0, unchanged: 0, missing: 0 });
    expect(await db.agent.count({ where: { workspaceId: ws } })).toBe(0);
  });

  it('refuses to commit with invalid rows unless told to skip them, and then records the skipped rows', async () => {
    const ws = await workspace('ws-import-atomic');
    const { id } = await previewImport(db, actor, ws, {
      filename: 'agents.csv',
      content: Buffer.from(MESSY),
      fullExport: true,
    });
    await expect(commitImport(db, actor, ws, id, { skipInvalid: false })).rejects.toThrow(/3 invalid row\(s\)/);
    expect(await db.agent.count({ where: { workspaceId: ws } })).toBe(0);

    const outcome = await commitImport(db, actor, ws, id, { skipInvalid: true });
    expect(outcome).toMatchObject({ created: 3, changed: 0, newlyTrifectaCount: 2 });
    expect(outcome.skipped.map((s) => s.line)).toEqual([4, 5, 6]);
    expect(outcome.newlyTrifecta.map((n) => n.agentId).sort()).toEqual(['ag-1', 'ag-5']);

    const agents = await db.agent.findMany({ where: { workspaceId: ws }, orderBy: { externalId: 'asc' } });
    expect(agents.map((a) => [a.externalId, a.name, a.ownerEmail, a.effectiveState])).toEqual([
      ['ag-1', 'Inbox, triage', 'ann@acme.com', 'exposed'],
      ['ag-2', '=HYPERLINK("http://evil"),"x")', 'bob@acme.com', 'none'],
      ['ag-5', 'Multi\nline', 'carol@acme.com', 'exposed'],
    ]);
    expect(agents[2]).toMatchObject({
      appIds: ['mcp:acme-crm', 'Zapier'],
      unknownApps: ['Zapier'],
      unclassifiedMcp: ['mcp:acme-crm'],
      legCount: 3,
    });
    const audit = await db.auditEvent.findFirst({ where: { action: 'agents.import', workspaceId: ws } });
    expect(audit?.diff).toMatchObject({ created: 3, skipped: 3, sha256: (await getImport(db, ws, id)).sha256 });
    await expect(commitImport(db, actor, ws, id, { skipInvalid: true })).rejects.toThrow(/already committed/);
  });

  it('rolls back every row when the commit fails part-way', async () => {
    const ws = await workspace('ws-import-rollback');
    const rows = Array.from({ length: 12_000 }, (_, i) => `ag-${i},Agent ${i},o${i}@acme.com,Slack`);
    const { id } = await previewImport(db, actor, ws, {
      filename: 'big.csv',
      content: Buffer.from(['agent_id,agent_name,owner_email,connected_apps', ...rows].join('\n')),
      fullExport: true,
    });
    // Fail after the first batch of 5000 has been written.
    let writes = 0;
    const failing = commitImport(db, actor, ws, id, {
      skipInvalid: false,
      onProgress: (phase, done) => {
        if (phase === 'writing' && done > 0 && ++writes === 1) throw new Error('disk full');
      },
    });
    await expect(failing).rejects.toThrow('disk full');
    expect(await db.agent.count({ where: { workspaceId: ws } })).toBe(0);
    expect((await getImport(db, ws, id)).status).toBe('preview');
    expect(await commitImport(db, actor, ws, id, { skipInvalid: false })).toMatchObject({ created: 12_000 });
    expect(await db.agent.count({ where: { workspaceId: ws } })).toBe(12_000);
  });

  it('keeps per-agent history, marks agents missing from a full export, names those newly trifecta', async () => {
    const ws = await workspace('ws-import-history');
    const header = 'agent_id,agent_name,owner_email,connected_apps';
    await commitFile(
      ws,
      [header, 'a,Alpha,ann@acme.com,Google Drive', 'b,Beta,bob@acme.com,Slack', 'c,Gamma,cy@acme.com,Notion'].join(
        '\n',
      ),
    );
    const second = await commitFile(
      ws,
      [header, 'a,Alpha,ann@acme.com,google_drive;Slack', 'b,Beta,dan@acme.com,Slack'].join('\n'),
    );
    expect(second.outcome).toMatchObject({
      created: 0,
      changed: 2,
      unchanged: 0,
      missing: 1,
      newlyTrifectaCount: 1,
      newlyTrifecta: [{ agentId: 'a', name: 'Alpha' }],
    });

    const history = async (externalId: string) => {
      const agent = await db.agent.findUniqueOrThrow({
        where: { workspaceId_externalId: { workspaceId: ws, externalId } },
        include: { history: { orderBy: { id: 'asc' } } },
      });
      return { agent, kinds: agent.history.map((h) => [h.kind, h.detail]) };
    };
    expect((await history('a')).kinds).toEqual([
      ['created', { apps: ['Google Drive'], ownerEmail: 'ann@acme.com', name: 'Alpha' }],
      ['apps_changed', { added: ['Slack'], removed: [] }],
    ]);
    expect((await history('b')).kinds[1]).toEqual(['owner_changed', { from: 'bob@acme.com', to: 'dan@acme.com' }]);
    const gamma = await history('c');
    expect(gamma.agent.inLatestExport).toBe(false);
    expect(gamma.kinds[1]).toEqual(['missing_from_export', {}]);

    // A partial export (not full) leaves unlisted agents alone; a returning agent is noted.
    const third = await commitFile(ws, [header, 'c,Gamma,cy@acme.com,Notion'].join('\n'), { fullExport: false });
    expect(third.outcome).toMatchObject({ changed: 1, missing: 0 });
    expect((await history('c')).kinds[2]).toEqual(['back_in_export', {}]);
    expect((await history('a')).agent.inLatestExport).toBe(true);
  });

  it('never marks an agent on an invalid row as missing from a full export', async () => {
    const ws = await workspace('ws-import-invalid-listed');
    const header = 'agent_id,agent_name,owner_email,connected_apps';
    await commitFile(ws, [header, 'a,A,a@acme.com,Slack', 'b,B,b@acme.com,Slack'].join('\n'));
    const { outcome } = await commitFile(ws, [header, 'a,A,a@acme.com,Slack', 'b,B,not-an-email,Slack'].join('\n'), {
      skipInvalid: true,
    });
    expect(outcome).toMatchObject({ missing: 0, skippedCount: 1 });
    const b = await db.agent.findUniqueOrThrow({
      where: { workspaceId_externalId: { workspaceId: ws, externalId: 'b' } },
    });
    expect(b.inLatestExport).toBe(true);
  });

  it('refuses a commit when the inventory changed since the preview', async () => {
    const ws = await workspace('ws-import-stale');
    const header = 'agent_id,agent_name,owner_email,connected_apps';
    const { id } = await previewImport(db, actor, ws, {
      filename: 'one.csv',
      content: Buffer.from(`${header}\na,A,a@acme.com,Slack\n`),
      fullExport: true,
    });
    await commitFile(ws, `${header}\nb,B,b@acme.com,Slack\n`);
    await expect(commitImport(db, actor, ws, id, { skipInvalid: false })).rejects.toThrow(/changed since this preview/);
  });

  it('stores app names with quotes, backslashes, braces and NULL exactly as written', async () => {
    const ws = await workspace('ws-import-odd-names');
    const odd = ['Say "hi"', 'back\\slash', '{braced}', 'NULL', 'Café ☕'];
    const cell = `"${odd.join(';').replace(/"/g, '""')}"`;
    await commitFile(ws, `agent_id,agent_name,owner_email,connected_apps\nodd,Odd,o@acme.com,${cell}\n`);
    const agent = await db.agent.findUniqueOrThrow({
      where: { workspaceId_externalId: { workspaceId: ws, externalId: 'odd' } },
    });
    expect(agent.apps).toEqual(odd);
    expect(agent.unknownApps).toEqual([...odd].sort());
  });

  it('fails the whole file on an unclosed quote, naming the line', async () => {
    const ws = await workspace('ws-import-fatal');
    const { id } = await previewImport(db, actor, ws, {
      filename: 'bad.csv',
      content: Buffer.from('agent_id,agent_name,owner_email,connected_apps\na,"A,a@acme.com,Slack\n'),
      fullExport: true,
    });
    expect((await getImport(db, ws, id)).preview.fatal).toEqual({
      line: 2,
      reason: 'unparseable: a quoted field opened here is never closed',
    });
    await expect(commitImport(db, actor, ws, id, { skipInvalid: true })).rejects.toThrow(/Line 2: unparseable/);
  });
});
