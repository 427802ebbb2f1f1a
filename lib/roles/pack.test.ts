import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PackError } from '@/lib/packs/jsonc.ts';
import { compareRoles, newHighRiskGrants } from './compare.ts';
import { defaultBaselineRoles, permissionsOf, type RoleSpec } from './dimensions.ts';
import { exportRolesPack, parseRolesPack } from './pack.ts';

const shipped = readFileSync(
  new URL('../packs/fixtures/hth-chatgpt-enterprise-6.01-rbac-roles.jsonc', import.meta.url),
  'utf8',
);
const specs = (text: string): RoleSpec[] =>
  parseRolesPack(text).map(({ missing: _m, ...r }) => ({ ...r, groupName: r.groupName ?? null }));

describe('6.01 roles pack', () => {
  it('reads the four-key pack as shipped, the missing fifth dimension disabled', () => {
    const roles = parseRolesPack(shipped);
    expect(roles.map((r) => r.name)).toEqual(['agents-run', 'agents-build', 'agents-admin']);
    expect(roles[0]!.permissions).toEqual(permissionsOf(['use_agents', 'enable_slack_bot']));
    expect(roles[2]!.permissions).toEqual(
      permissionsOf(['use_agents', 'build_agents', 'publish_agents', 'enable_slack_bot']),
    );
    expect(
      roles.every((r) => r.missing.length === 1 && r.missing[0] === 'publish_agents_with_shared_connections'),
    ).toBe(true);
    expect(roles[0]!.groupName).toBeUndefined();
  });

  it('reports where the shipped pack departs from the guide text: the Slack bot for run and build', () => {
    const departures = compareRoles(defaultBaselineRoles(), specs(shipped), { referenceLabel: 'default baseline' });
    expect(departures.map((d) => d.message)).toEqual([
      'agents-run: enable_slack_bot enabled (default baseline: disabled)',
      'agents-build: enable_slack_bot enabled (default baseline: disabled)',
    ]);
  });

  it('round-trips: import → export gives the five-dimension form, which imports to the same roles', () => {
    const roles = specs(shipped);
    const exported = exportRolesPack(roles);
    const features = (
      JSON.parse(exported.replace(/^\/\/.*$/gm, '')) as { roles: { features: Record<string, string> }[] }
    ).roles[0]!.features;
    expect(Object.keys(features)).toEqual([
      'agents_use',
      'agents_build',
      'agents_publish',
      'agents_publish_with_shared_connections',
      'workspace_agents_for_slack',
    ]);
    expect(features.agents_publish_with_shared_connections).toBe('disabled');
    const again = parseRolesPack(exported);
    expect(again.every((r) => r.missing.length === 0)).toBe(true);
    expect(specs(exported)).toEqual(roles);
    expect(exportRolesPack(specs(exported))).toBe(exported);
  });

  it('reads the five-key form, the guide dimension names and idp_group', () => {
    const roles = parseRolesPack(`{"roles": [{"name": "publishers", "idp_group": "okta-publishers", "features": {
      "use_agents": "enabled", "agents_publish_with_shared_connections": "enabled",
      "enable_slack_bot": "disabled" }}]}`);
    expect(roles[0]).toMatchObject({
      groupName: 'okta-publishers',
      permissions: permissionsOf(['use_agents', 'publish_agents_with_shared_connections']),
      missing: ['build_agents', 'publish_agents'],
    });
  });

  it('names the JSON path of bad values, unknown features, duplicates and two keys for one dimension', () => {
    const bad = `{
  "roles": [
    { "name": "a", "features": { "agents_use": "on" } },
    { "name": "b", "features": { "agents_publsh": "enabled" } },
    { "name": "A", "features": { "agents_use": "enabled", "use_agents": "disabled" } }
  ]
}`;
    let error: PackError | null = null;
    try {
      parseRolesPack(bad);
    } catch (e) {
      error = e as PackError;
    }
    expect(error).toBeInstanceOf(PackError);
    const byPath = new Map(error!.issues.map((i) => [i.path, i]));
    expect(byPath.get('roles[0].features.agents_use')).toMatchObject({
      line: 3,
      message: 'expected "enabled" or "disabled"',
    });
    expect(byPath.get('roles[1].features.agents_publsh')?.message).toMatch(/unknown feature "agents_publsh"/);
    expect(byPath.get('roles[2].features.use_agents')?.message).toMatch(/both set use_agents/);
    expect(() => parseRolesPack('{"roles": [{"name": "a", "features": {}}, {"name": "A", "features": {}}]}')).toThrow(
      /roles\[1\]\.name: role "A" is listed twice/,
    );
  });

  it('reports a syntax error with line and column', () => {
    expect(() => parseRolesPack('{\n "roles": [\n  { "name": "x", }\n  { "name": "y" }\n ]\n}')).toThrow(
      /line 4, column 3: a comma is expected/,
    );
  });
});

describe('role departures and high-risk grants', () => {
  it('lists missing roles, extra roles granting agent bits, and group changes', () => {
    const observed: RoleSpec[] = [
      { ...defaultBaselineRoles()[0]!, groupName: 'everyone' },
      { name: 'Default', description: '', groupName: null, permissions: permissionsOf([]) },
      { name: 'shadow-builders', description: '', groupName: null, permissions: permissionsOf(['build_agents']) },
    ];
    const messages = compareRoles(defaultBaselineRoles(), observed, { groups: true }).map((d) => d.message);
    expect(messages).toEqual([
      'agents-run: mapped to everyone (baseline: agents-run)',
      'agents-build is missing (in the baseline)',
      'agents-admin is missing (in the baseline)',
      'shadow-builders is not in the baseline and grants build_agents',
    ]);
  });

  it('asks to confirm only newly granted high-risk bits', () => {
    const current = defaultBaselineRoles();
    const next = current.map((r) =>
      r.name === 'agents-run'
        ? { ...r, permissions: { ...r.permissions, enable_slack_bot: true, build_agents: true } }
        : r,
    );
    expect(newHighRiskGrants(current, next).map((g) => g.label)).toEqual(['agents-run: Slack bot']);
    expect(newHighRiskGrants(next, current)).toEqual([]);
    expect(
      newHighRiskGrants(current, [
        ...current,
        {
          name: 'x',
          description: '',
          groupName: null,
          permissions: permissionsOf(['publish_agents_with_shared_connections']),
        },
      ]).map((g) => g.dimension),
    ).toEqual(['publish_agents_with_shared_connections']);
  });
});
