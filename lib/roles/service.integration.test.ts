// Agent roles against a real PostgreSQL: the default baseline, its first edit materialised, audited and
// versioned; high-risk grants confirmed; observed imports and their diff against the baseline.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { stateAt, versionsOf } from '@/lib/history/versions.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { defaultBaselineRoles, permissionsOf } from './dimensions.ts';
import { exportRolesPack } from './pack.ts';
import { baselineRoles, groupMemberCounts, observedRoles, roleMatrix } from './queries.ts';
import { importRolesPack, removeBaselineRole, saveBaselineRole } from './service.ts';

const shipped = readFileSync(
  new URL('../packs/fixtures/hth-chatgpt-enterprise-6.01-rbac-roles.jsonc', import.meta.url),
  'utf8',
);
const actor = { id: null, label: 'test-admin', role: 'admin' };
let db: Db;

beforeAll(async () => {
  db = createDb(await createTestDatabase('roles'));
});
afterAll(async () => {
  await db.$disconnect();
});

const workspace = (id: string) => createWorkspace(db, actor, { id, name: id, kind: 'workspace', principal: null });

describe('agent role baseline', () => {
  it('is the guide default until edited; the first edit materialises it, audited and versioned', async () => {
    const ws = 'ws-roles-edit';
    await workspace(ws);
    expect(await baselineRoles(db, ws)).toEqual(defaultBaselineRoles());
    expect(await db.agentRole.count({ where: { workspaceId: ws } })).toBe(0);

    const build = defaultBaselineRoles()[1]!;
    const edited = { ...build, groupName: 'okta-agent-builders', permissions: permissionsOf(['use_agents']) };
    const result = await saveBaselineRole(db, actor, ws, {
      originalName: 'agents-build',
      role: edited,
      confirmHighRisk: false,
    });
    expect(result).toMatchObject({ created: 3, updated: 0, materialised: true });

    const rows = await db.agentRole.findMany({
      where: { workspaceId: ws, side: 'baseline' },
      orderBy: { name: 'asc' },
    });
    expect(rows.map((r) => [r.name, r.buildAgents, r.groupName])).toEqual([
      ['agents-admin', true, 'agents-admin'],
      ['agents-build', false, 'okta-agent-builders'],
      ['agents-run', false, 'agents-run'],
    ]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: ws, action: 'roles.baseline_update' } });
    expect(audit.diff).toMatchObject({
      before: { name: 'agents-build', permissions: { build_agents: true } },
      after: { permissions: { build_agents: false } },
      materialisedDefault: true,
    });
    const buildRow = rows.find((r) => r.name === 'agents-build')!;
    const versions = await versionsOf(db, ws, 'agent_role', buildRow.id);
    expect(versions).toHaveLength(1);
    expect(versions[0]!.data).toMatchObject({ side: 'baseline', buildAgents: false, groupName: 'okta-agent-builders' });
    expect((await stateAt(db, ws, 'agent_role', new Date())).size).toBe(3);

    // Removing a role: its version records the deletion, so the baseline on an earlier date still has it.
    const beforeRemoval = new Date();
    await removeBaselineRole(db, actor, ws, 'agents-run', new Date(beforeRemoval.getTime() + 1000));
    expect((await baselineRoles(db, ws)).map((r) => r.name)).toEqual(['agents-build', 'agents-admin']);
    expect((await stateAt(db, ws, 'agent_role', beforeRemoval)).size).toBe(3);
    expect((await stateAt(db, ws, 'agent_role', new Date(beforeRemoval.getTime() + 2000))).size).toBe(2);
    await expect(removeBaselineRole(db, actor, ws, 'agents-run')).rejects.toThrow('No baseline role agents-run.');
  });

  it('refuses a high-risk grant without confirmation, changing nothing, and records it once confirmed', async () => {
    const ws = 'ws-roles-risk';
    await workspace(ws);
    const run = defaultBaselineRoles()[0]!;
    const risky = { ...run, permissions: { ...run.permissions, publish_agents_with_shared_connections: true } };
    await expect(
      saveBaselineRole(db, actor, ws, { originalName: run.name, role: risky, confirmHighRisk: false }),
    ).rejects.toThrow(
      'Confirm the high-risk grants first: agents-run: Publish with shared connections. Nothing was changed.',
    );
    expect(await db.agentRole.count({ where: { workspaceId: ws } })).toBe(0);
    expect(await db.auditEvent.count({ where: { workspaceId: ws, action: { startsWith: 'roles.' } } })).toBe(0);

    await saveBaselineRole(db, actor, ws, { originalName: run.name, role: risky, confirmHighRisk: true });
    expect((await baselineRoles(db, ws))[0]!.permissions.publish_agents_with_shared_connections).toBe(true);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: ws, action: 'roles.baseline_update' } });
    expect(audit.diff).toMatchObject({ highRiskConfirmed: true });
  });

  it('imports the shipped pack as baseline only when confirmed, reporting its departures from the guide', async () => {
    const ws = 'ws-roles-pack';
    await workspace(ws);
    await expect(
      importRolesPack(db, actor, ws, {
        side: 'baseline',
        filename: '6.01.jsonc',
        text: shipped,
        confirmHighRisk: false,
      }),
    ).rejects.toThrow(/agents-run: Slack bot; agents-build: Slack bot/);
    const result = await importRolesPack(db, actor, ws, {
      side: 'baseline',
      filename: '6.01.jsonc',
      text: shipped,
      confirmHighRisk: true,
    });
    expect(result.departuresFromDefault.map((d) => d.message)).toEqual([
      'agents-run: enable_slack_bot enabled (default baseline: disabled)',
      'agents-build: enable_slack_bot enabled (default baseline: disabled)',
    ]);
    expect(result.missingDimensions).toHaveLength(3);
    // Export then import of the export changes nothing: the five-dimension form round-trips.
    const again = await importRolesPack(db, actor, ws, {
      side: 'baseline',
      filename: 'export.jsonc',
      text: exportRolesPack(await baselineRoles(db, ws)),
      confirmHighRisk: false,
    });
    expect(again).toMatchObject({ created: 0, updated: 0, removed: 0, missingDimensions: [] });
  });

  it('reports a syntax error with line and column and imports nothing', async () => {
    const ws = 'ws-roles-bad';
    await workspace(ws);
    await expect(
      importRolesPack(db, actor, ws, {
        side: 'observed',
        filename: 'live.jsonc',
        text: '{\n  "roles": [\n    { "name": "x" \n    "features": {} }\n  ]\n}',
        confirmHighRisk: false,
      }),
    ).rejects.toThrow('live.jsonc: line 4, column 5: a comma is expected. Nothing was imported.');
    expect(await db.agentRole.count({ where: { workspaceId: ws } })).toBe(0);
  });
});

describe('observed agent roles', () => {
  it('imports a live export and diffs it with the baseline; a re-import replaces it, versioning removals', async () => {
    const ws = 'ws-roles-observed';
    await workspace(ws);
    const live = `// exported from Workspace settings → Members → Roles
{ "roles": [
  { "name": "agents-run", "idp_group": "all-staff", "features": { "agents_use": "enabled", "agents_build": "disabled",
    "agents_publish": "disabled", "workspace_agents_for_slack": "disabled" } },
  { "name": "agents-build", "features": { "agents_use": "enabled", "agents_build": "enabled",
    "agents_publish": "enabled", "workspace_agents_for_slack": "disabled" } },
  { "name": "agents-admin", "features": { "agents_use": "enabled", "agents_build": "enabled",
    "agents_publish": "enabled", "workspace_agents_for_slack": "enabled",
    "agents_publish_with_shared_connections": "enabled" } },
  { "name": "marketing-bots", "features": { "agents_use": "enabled" } }
] }`;
    const result = await importRolesPack(db, actor, ws, {
      side: 'observed',
      filename: 'live.jsonc',
      text: live,
      confirmHighRisk: false,
    });
    expect(result.departuresFromBaseline.map((d) => d.message)).toEqual([
      'agents-run: mapped to all-staff (baseline: agents-run)',
      'agents-build: publish_agents enabled (baseline: disabled)',
      'agents-admin: publish_agents_with_shared_connections enabled (baseline: disabled)',
      'marketing-bots is not in the baseline and grants use_agents',
    ]);
    // The baseline stays the default: importing what the workspace has never edits what was approved.
    expect(await db.agentRole.count({ where: { workspaceId: ws, side: 'baseline' } })).toBe(0);
    expect((await roleMatrix(db, ws)).departures).toHaveLength(4);
    // Findings follow in the same transaction.
    expect(
      (
        await db.finding.findMany({
          where: { workspaceId: ws, status: 'open', subjectType: 'role' },
          select: { subjectId: true },
        })
      ).map((f) => f.subjectId),
    ).toContain('marketing-bots');

    const marketing = await db.agentRole.findFirstOrThrow({
      where: { workspaceId: ws, side: 'observed', name: 'marketing-bots' },
    });
    const fixed = await importRolesPack(db, actor, ws, {
      side: 'observed',
      filename: 'live-2.jsonc',
      text: exportRolesPack(defaultBaselineRoles()),
      confirmHighRisk: false,
    });
    expect(fixed).toMatchObject({ removed: 1, updated: 3, departuresFromBaseline: [] });
    expect((await observedRoles(db, ws)).map((r) => r.name)).toEqual(['agents-run', 'agents-build', 'agents-admin']);
    expect((await versionsOf(db, ws, 'agent_role', marketing.id)).map((v) => v.data === null)).toEqual([false, true]);
    expect(await db.auditEvent.count({ where: { workspaceId: ws, action: 'roles.import_observed' } })).toBe(2);
  });

  it('counts the active members of each mapped group', async () => {
    const ws = 'ws-roles-count';
    await workspace(ws);
    const group = await db.group.create({ data: { workspaceId: ws, displayName: 'agents-build', source: 'scim' } });
    for (const [email, status] of [
      ['a@acme.com', 'active'],
      ['b@acme.com', 'active'],
      ['c@acme.com', 'deactivated'],
    ] as const) {
      const m = await db.member.create({
        data: { workspaceId: ws, email, userName: email, status, identitySource: 'scim' },
      });
      await db.groupMember.create({ data: { groupId: group.id, memberId: m.id } });
    }
    expect(Object.fromEntries(await groupMemberCounts(db, ws, ['agents-build', 'agents-run']))).toEqual({
      'agents-build': 2,
    });
  });
});
