// The import preview shows the risk before anything is written, and the commit counts "newly exposed"
// the same way: by effective state (observed action control and trifecta exceptions), not by the legs alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { commitImport, getImport, previewImport } from './service.ts';

const actor = { id: null, label: 'test-admin', role: 'admin' };
const HEADER = 'agent_id,agent_name,owner_email,connected_apps';
let db: Db;

beforeAll(async () => {
  db = createDb(await createTestDatabase('import_risk'));
});
afterAll(async () => {
  await db.$disconnect();
});

/** A workspace whose observed action control makes Slack read-only: Slack can no longer send. */
async function workspaceWithReadOnlySlack(id: string) {
  await createWorkspace(db, actor, { id, name: id, kind: 'workspace', principal: null });
  await db.actionControl.create({
    data: { workspaceId: id, side: 'observed', appId: 'slack', enabled: true, mode: 'read_only', updatedBy: 'test' },
  });
  return id;
}

async function preview(ws: string, lines: string[]) {
  const { id } = await previewImport(db, actor, ws, {
    filename: 'agents.csv',
    content: Buffer.from([HEADER, ...lines].join('\n')),
    fullExport: false,
  });
  return { id, preview: (await getImport(db, ws, id)).preview };
}

describe('import preview risk', () => {
  it('shows per row the catalogue names, unknown apps, unclassified MCP servers and who becomes exposed', async () => {
    const ws = await workspaceWithReadOnlySlack('ws-risk-preview');
    const { id, preview: p } = await preview(ws, [
      'm,Mitigated,m@acme.com,"Drive;slack"',
      'x,Exposed,x@acme.com,"Drive;Slack;web search"',
      'u,Unknown,u@acme.com,"Zapier;mcp:acme-crm"',
      'n,Nothing,n@acme.com,Docs',
    ]);
    const risk = Object.fromEntries(p.created.map((c) => [c.agentId, c.risk]));
    expect(risk.m).toMatchObject({
      resolved: ['Google Drive', 'Slack'],
      unknownApps: [],
      unclassifiedMcp: [],
      state: 'mitigated',
      becomesExposed: false,
    });
    expect(risk.x).toMatchObject({
      resolved: ['Google Drive', 'Slack', 'Web Search'],
      state: 'exposed',
      before: null,
      becomesExposed: true,
    });
    expect(risk.u).toMatchObject({
      resolved: [],
      unknownApps: ['Zapier'],
      unclassifiedMcp: ['mcp:acme-crm'],
      state: 'exposed',
      becomesExposed: true,
    });
    expect(risk.n).toMatchObject({ resolved: ['Google Docs'], state: 'none', becomesExposed: false });
    expect(p.newlyExposedCount).toBe(2);
    expect(p.newlyExposed!.map((a) => a.agentId).sort()).toEqual(['u', 'x']);
    expect(await db.agent.count({ where: { workspaceId: ws } })).toBe(0);

    // The commit says the same: a trifecta whose sends action control closes is mitigated, not "newly trifecta".
    const outcome = await commitImport(db, actor, ws, id, { skipInvalid: false });
    expect(outcome.newlyTrifectaCount).toBe(2);
    expect(outcome.newlyTrifecta.map((a) => a.agentId).sort()).toEqual(['u', 'x']);
  });

  it('counts a change that opens a send on a mitigated agent, and keeps an accepted agent accepted', async () => {
    const ws = await workspaceWithReadOnlySlack('ws-risk-changed');
    const first = await preview(ws, [
      'm,Mitigated,m@acme.com,"Google Drive;Slack"',
      'a,Accepted,a@acme.com,"Google Drive;Slack;Web Search"',
    ]);
    await commitImport(db, actor, ws, first.id, { skipInvalid: false });
    const accepted = await db.agent.findUniqueOrThrow({
      where: { workspaceId_externalId: { workspaceId: ws, externalId: 'a' } },
    });
    expect(accepted.effectiveState).toBe('exposed');
    await db.exception.create({
      data: {
        workspaceId: ws,
        title: 'Accept',
        businessCase: 'test',
        scopeKind: 'trifecta',
        scope: { agentId: accepted.id, configHash: accepted.configHash },
        status: 'approved',
        requestedBy: 'test',
        requestedAt: new Date(),
        reviewAt: new Date(Date.now() + 30 * 86_400_000),
        decidedBy: 'test',
        decidedAt: new Date(),
      },
    });

    // m gains web search (read-only does not close it): mitigated → exposed. a is only renamed: still accepted.
    const second = await preview(ws, [
      'm,Mitigated,m@acme.com,"Google Drive;Slack;Web Search"',
      'a,Accepted renamed,a@acme.com,"Google Drive;Slack;Web Search"',
    ]);
    const risk = Object.fromEntries(second.preview.changed.map((c) => [c.agentId, c.risk]));
    expect(risk.m).toMatchObject({ before: 'mitigated', state: 'exposed', becomesExposed: true });
    expect(risk.a).toMatchObject({ before: 'accepted', state: 'accepted', becomesExposed: false });
    expect(second.preview.newlyExposedCount).toBe(1);

    const outcome = await commitImport(db, actor, ws, second.id, { skipInvalid: false });
    expect(outcome.newlyTrifecta).toEqual([{ agentId: 'm', name: 'Mitigated' }]);
    const after = await db.agent.findMany({
      where: { workspaceId: ws },
      orderBy: { externalId: 'asc' },
      select: { externalId: true, effectiveState: true },
    });
    expect(after).toEqual([
      { externalId: 'a', effectiveState: 'accepted' },
      { externalId: 'm', effectiveState: 'exposed' },
    ]);
  });
});
