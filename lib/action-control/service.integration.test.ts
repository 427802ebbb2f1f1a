// Action control against a real PostgreSQL: the default baseline, its edit audited and versioned, observed
// imports reclassifying the workspace's agents in the same transaction, and imports classifying with them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { commitImport, previewImport } from '@/lib/agents/import/service.ts';
import { builtinCatalogue } from '@/lib/apps/builtin.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { versionsOf } from '@/lib/history/versions.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { defaultBaselineControls } from './defaults.ts';
import { exportControlsPack } from './pack.ts';
import { baselineControls, controlMatrix, observedControls } from './queries.ts';
import { importControlsPack, saveBaselineControl } from './service.ts';

const actor = { id: null, label: 'test-admin', role: 'admin' };
let db: Db;

beforeAll(async () => {
  db = createDb(await createTestDatabase('actionctl'));
});
afterAll(async () => {
  await db.$disconnect();
});

async function workspaceWithAgents(id: string, csv: string) {
  await createWorkspace(db, actor, { id, name: id, kind: 'workspace', principal: null });
  if (!csv) return;
  const { id: importId } = await previewImport(db, actor, id, {
    filename: 'a.csv',
    content: Buffer.from(`agent_id,agent_name,owner_email,connected_apps\n${csv}`),
    fullExport: true,
  });
  await commitImport(db, actor, id, importId, { skipInvalid: false });
}

const stateOf = async (ws: string, externalId: string) =>
  (
    await db.agent.findUniqueOrThrow({
      where: { workspaceId_externalId: { workspaceId: ws, externalId } },
      select: { effectiveState: true },
    })
  ).effectiveState;

const observedPack = (apps: Record<string, object>) => JSON.stringify({ apps });

describe('action control baseline', () => {
  it('is the 6.02 pack until edited; an edit materialises it, audited and versioned; bad actions refused', async () => {
    const ws = 'ws-ac-baseline';
    await workspaceWithAgents(ws, '');
    expect(await baselineControls(db, ws)).toEqual(defaultBaselineControls(builtinCatalogue('guide')));

    await expect(
      saveBaselineControl(db, actor, ws, {
        appId: 'gmail',
        enabled: true,
        mode: 'custom',
        allowedActions: ['read'],
        deniedActions: ['forward'],
        newActionsDefault: 'deny',
      }),
    ).rejects.toThrow(/gmail: actions_denied\[0\]: "forward" is not an action of Gmail/);
    expect(await db.actionControl.count({ where: { workspaceId: ws } })).toBe(0);

    const result = await saveBaselineControl(db, actor, ws, {
      appId: 'gmail',
      enabled: true,
      mode: 'custom',
      allowedActions: ['search', 'read'],
      deniedActions: ['send', 'reply'],
      newActionsDefault: 'deny',
    });
    expect(result).toMatchObject({ materialised: true, created: 11 });
    const gmail = await db.actionControl.findFirstOrThrow({
      where: { workspaceId: ws, side: 'baseline', appId: 'gmail' },
    });
    expect(gmail).toMatchObject({ enabled: true, mode: 'custom', deniedActions: ['send', 'reply'] });
    expect((await versionsOf(db, ws, 'action_control', gmail.id))[0]!.data).toMatchObject({
      side: 'baseline',
      mode: 'custom',
    });
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { workspaceId: ws, action: 'action_control.baseline_update' },
    });
    expect(audit.diff).toMatchObject({
      before: { mode: 'read_only' },
      after: { mode: 'custom' },
      materialisedDefault: true,
    });
  });
});

describe('observed action control and the agents', () => {
  it("turns an agent exposed → mitigated when Gmail's observed control becomes read_only, and back", async () => {
    const ws = 'ws-ac-gmail';
    await workspaceWithAgents(
      ws,
      'mail,Mail helper,a@acme.com,Gmail;Google Drive\nweb,Researcher,b@acme.com,Google Drive;Notion;Web Search\n',
    );
    expect(await stateOf(ws, 'mail')).toBe('exposed');

    const result = await importControlsPack(db, actor, ws, {
      side: 'observed',
      filename: 'live.jsonc',
      text: observedPack({ gmail: { enabled: true, action_control: 'read_only', new_actions_default: 'deny' } }),
    });
    expect(result.reclassified).toBe(1);
    expect(await stateOf(ws, 'mail')).toBe('mitigated');
    expect(result.departuresFromBaseline.map((d) => d.message)).toContain('gmail: enabled true (baseline: false)');
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { workspaceId: ws, action: 'action_control.import_observed' },
    });
    expect(audit.diff).toMatchObject({ apps: ['gmail'], reclassified: 1 });

    await importControlsPack(db, actor, ws, {
      side: 'observed',
      filename: 'live-2.jsonc',
      text: observedPack({ gmail: { enabled: true, action_control: 'allow_all' } }),
    });
    expect(await stateOf(ws, 'mail')).toBe('exposed');
    // Findings follow in the same transaction.
    expect(
      await db.finding.findFirst({ where: { workspaceId: ws, key: 'allow-all:gmail' }, select: { status: true } }),
    ).toEqual({ status: 'open' });
  });

  it('Web Search read_only does not mitigate; denying its search does', async () => {
    const ws = 'ws-ac-web';
    await workspaceWithAgents(ws, 'web,Researcher,b@acme.com,Google Drive;Notion;Web Search\n');
    await importControlsPack(db, actor, ws, {
      side: 'observed',
      filename: 'live.jsonc',
      text: observedPack({ web_search: { enabled: true, action_control: 'read_only' } }),
    });
    expect(await stateOf(ws, 'web')).toBe('exposed');
    await importControlsPack(db, actor, ws, {
      side: 'observed',
      filename: 'live.jsonc',
      text: observedPack({ web_search: { enabled: true, action_control: 'custom', actions_denied: ['search'] } }),
    });
    expect(await stateOf(ws, 'web')).toBe('mitigated');
  });

  it('classifies newly imported agents with the observed control already in place', async () => {
    const ws = 'ws-ac-later';
    await workspaceWithAgents(ws, '');
    await importControlsPack(db, actor, ws, {
      side: 'observed',
      filename: 'live.jsonc',
      text: observedPack({ outlook: { enabled: true, action_control: 'read_only' } }),
    });
    const { id } = await previewImport(db, actor, ws, {
      filename: 'a.csv',
      content: Buffer.from('agent_id,agent_name,owner_email,connected_apps\nol,Outlook bot,c@acme.com,Outlook\n'),
      fullExport: true,
    });
    await commitImport(db, actor, ws, id, { skipInvalid: false });
    expect(await stateOf(ws, 'ol')).toBe('mitigated');
  });

  it('refuses a bad pack with its path and changes nothing; export round-trips', async () => {
    const ws = 'ws-ac-bad';
    await workspaceWithAgents(ws, 'mail,Mail helper,a@acme.com,Gmail\n');
    await expect(
      importControlsPack(db, actor, ws, {
        side: 'observed',
        filename: 'live.jsonc',
        text: observedPack({
          gmail: { enabled: true, action_control: 'read_only' },
          slack: { enabled: true, action_control: 'custom', actions_denied: ['shout'] },
        }),
      }),
    ).rejects.toThrow('live.jsonc: apps.slack.actions_denied[0]: "shout" is not an action of Slack');
    expect(await observedControls(db, ws)).toEqual([]);
    expect(await stateOf(ws, 'mail')).toBe('exposed');

    const baseline = await baselineControls(db, ws);
    await importControlsPack(db, actor, ws, {
      side: 'observed',
      filename: 'same.jsonc',
      text: exportControlsPack(baseline),
    });
    expect((await controlMatrix(db, ws)).departures).toEqual([]);
    expect(await stateOf(ws, 'mail')).toBe('mitigated');
  });
});
