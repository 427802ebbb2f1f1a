import { describe, expect, it } from 'vitest';
import { evaluateFindings } from './evaluate.ts';
import type { FindingsSnapshot, SnapshotActionControl, SnapshotMember, SnapshotRole } from './types.ts';

const NOW = new Date('2026-11-23T12:00:00Z');
const DAY = 86_400_000;

function role(name: string, bits: Partial<SnapshotRole> = {}): SnapshotRole {
  return {
    name,
    groupName: null,
    use_agents: false,
    build_agents: false,
    publish_agents: false,
    publish_agents_with_shared_connections: false,
    enable_slack_bot: false,
    ...bits,
  };
}
const baselineRoles = () => [
  role('agents-run', { use_agents: true }),
  role('agents-build', { use_agents: true, build_agents: true }),
  role('agents-admin', { use_agents: true, build_agents: true, publish_agents: true, enable_slack_bot: true }),
];
const observedRoles = () => baselineRoles().map((r) => ({ ...r, groupName: `grp-${r.name}` }));

function control(appId: string, c: Partial<SnapshotActionControl> = {}): SnapshotActionControl {
  return {
    appId,
    enabled: false,
    mode: 'read_only',
    allowedActions: [],
    deniedActions: [],
    newActionsDefault: 'deny',
    ...c,
  };
}
const baselineControls = () => [
  control('gmail'),
  control('google_drive'),
  control('slack', {
    mode: 'custom',
    allowedActions: ['search', 'read_channel'],
    deniedActions: ['post_to_channel', 'dm_external', 'post_to_dm'],
  }),
  control('custom_mcp_servers', { mode: 'custom' }),
];

function member(email: string, m: Partial<SnapshotMember> = {}): SnapshotMember {
  return {
    id: `id-${email}`,
    email,
    name: null,
    workspaceRole: 'member',
    status: 'active',
    groups: [],
    directAgentRoles: [],
    attestedAt: null,
    ...m,
  };
}

function clean(): FindingsSnapshot {
  return {
    workspaceId: 'ws',
    members: [
      member('owner@x.example', { workspaceRole: 'owner', attestedAt: new Date(NOW.getTime() - 10 * DAY) }),
      member('ann@x.example', { groups: ['grp-agents-run'] }),
      member('bob@x.example', { groups: ['grp-agents-admin', 'engineering'] }),
    ],
    groups: ['grp-agents-run', 'grp-agents-build', 'grp-agents-admin', 'engineering'].map((g) => ({
      id: g,
      displayName: g,
      source: 'scim',
    })),
    baselineRoles: baselineRoles(),
    observedRoles: observedRoles(),
    baselineControls: baselineControls(),
    observedControls: baselineControls(),
    exceptions: [],
    now: NOW,
  };
}

const keys = (s: FindingsSnapshot) => evaluateFindings(s).map((f) => f.key);
const only = (s: FindingsSnapshot) => {
  const all = evaluateFindings(s);
  expect(all).toHaveLength(1);
  return all[0]!;
};

describe('evaluateFindings', () => {
  it('finds nothing when the observed workspace matches the default baseline and the roster is clean', () => {
    expect(evaluateFindings(clean())).toEqual([]);
  });

  it('finds nothing on a workspace with nothing observed yet', () => {
    expect(evaluateFindings({ ...clean(), members: [], groups: [], observedRoles: [], observedControls: [] })).toEqual(
      [],
    );
  });

  it('reports a baseline role missing from the observed workspace (6.1)', () => {
    const s = clean();
    s.observedRoles = s.observedRoles.filter((r) => r.name !== 'agents-build');
    const f = only(s);
    expect(f).toMatchObject({
      key: 'role-missing:agents-build',
      control: '6.1',
      kind: 'role-missing',
      subjectType: 'role',
      subjectId: 'agents-build',
    });
    expect(f.message).toMatch(/agents-build is in the baseline but not in the workspace\. Create it/);
    expect(f.cause.bits).toEqual(['use_agents', 'build_agents']);
  });

  it('reports each bit a role holds beyond the baseline, and each it lacks as drift (6.1)', () => {
    const s = clean();
    s.observedRoles[0] = { ...s.observedRoles[0]!, enable_slack_bot: true, use_agents: false };
    expect(keys(s)).toEqual([
      'role-bit-beyond-baseline:agents-run:enable_slack_bot',
      'role-drift:agents-run:use_agents',
    ]);
    const [beyond, drift] = evaluateFindings(s);
    expect(beyond!.message).toContain('agents-run holds enable_slack_bot, which the baseline withholds');
    expect(drift!.cause).toMatchObject({ field: 'use_agents', observed: false, baseline: true });
  });

  it('reports a role that holds agent permissions outside the baseline, not one without any', () => {
    const s = clean();
    s.observedRoles.push(
      role('finance-bots', { use_agents: true, groupName: 'engineering' }),
      role('readers', { groupName: 'engineering' }),
    );
    expect(keys(s)).toEqual(['role-not-in-baseline:finance-bots']);
  });

  it('reports a role mapped to a different group than the baseline as drift', () => {
    const s = clean();
    s.baselineRoles[0] = { ...s.baselineRoles[0]!, groupName: 'grp-agents-run' };
    s.observedRoles[0] = { ...s.observedRoles[0]!, groupName: 'engineering' };
    expect(keys(s)).toContain('role-drift:agents-run:group');
  });

  it('reports a privileged role mapped to no group, or to a group the IdP does not provision', () => {
    const s = clean();
    s.observedRoles[0] = { ...s.observedRoles[0]!, groupName: null };
    s.observedRoles[1] = { ...s.observedRoles[1]!, groupName: 'ghost-group' };
    s.members = s.members.filter((m) => m.email !== 'ann@x.example');
    expect(keys(s)).toEqual(['role-unmapped:agents-build', 'role-unmapped:agents-run']);
    expect(evaluateFindings(s)[0]!.message).toContain('ghost-group, which the IdP does not provision');
  });

  it('reports agent roles assigned directly, and members whose privileges come through no mapped group (6.1)', () => {
    const s = clean();
    s.members.push(member('cy@x.example', { directAgentRoles: ['agents-build'] }));
    // In a mapped group as well: the direct assignment is still a finding, the privileges are not unmapped.
    s.members.push(member('di@x.example', { groups: ['grp-agents-run'], directAgentRoles: ['agents-build'] }));
    expect(keys(s)).toEqual([
      'direct-assignment:cy@x.example:agents-build',
      'direct-assignment:di@x.example:agents-build',
      'unmapped-privileges:cy@x.example',
    ]);
    const f = evaluateFindings(s).find((x) => x.kind === 'unmapped-privileges')!;
    expect(f).toMatchObject({
      control: '6.1',
      subjectType: 'member',
      subjectId: 'id-cy@x.example',
      subjectLabel: 'cy@x.example',
    });
    expect(f.cause.members).toEqual([{ id: 'id-cy@x.example', email: 'cy@x.example' }]);
  });

  it('reports each active person who can publish with shared connections, through a group or directly', () => {
    const s = clean();
    s.observedRoles.push(
      role('shared-publishers', { publish_agents_with_shared_connections: true, groupName: 'engineering' }),
    );
    s.baselineRoles.push(role('shared-publishers', { publish_agents_with_shared_connections: true }));
    s.members.push(member('eve@x.example', { directAgentRoles: ['shared-publishers'], groups: ['grp-agents-run'] }));
    s.members.push(member('gone@x.example', { status: 'deactivated', groups: ['engineering'] }));
    const shared = evaluateFindings(s).filter((f) => f.kind === 'shared-connections');
    expect(shared.map((f) => f.key)).toEqual(['shared-connections:bob@x.example', 'shared-connections:eve@x.example']);
    expect(shared[0]!.message).toContain('through shared-publishers via engineering');
    expect(shared[1]!.message).toContain('shared-publishers, assigned directly');
    expect(shared[0]!.cause).toMatchObject({
      roles: ['shared-publishers'],
      groups: ['engineering'],
      bits: ['publish_agents_with_shared_connections'],
    });
  });

  it('ignores members who are not active', () => {
    const s = clean();
    s.members.push(
      member('old@x.example', { status: 'removed', workspaceRole: 'admin', directAgentRoles: ['agents-admin'] }),
    );
    expect(evaluateFindings(s)).toEqual([]);
  });

  it('reports more than two active owners (1.4)', () => {
    const s = clean();
    const attested = new Date(NOW.getTime() - DAY);
    s.members.push(
      member('o2@x.example', { workspaceRole: 'owner', attestedAt: attested }),
      member('o3@x.example', { workspaceRole: 'owner', status: 'deactivated' }),
    );
    expect(keys(s)).toEqual([]);
    s.members.push(member('o4@x.example', { workspaceRole: 'owner', attestedAt: attested }));
    const f = only(s);
    expect(f).toMatchObject({ key: 'owners-over-limit', control: '1.4', subjectType: 'workspace' });
    expect(f.message).toContain('3 owners; the guide allows at most 2');
    expect((f.cause.members ?? []).map((m) => m.email)).toEqual(['owner@x.example', 'o2@x.example', 'o4@x.example']);
  });

  it('reports admins and owners not re-attested in the last 90 days (1.4)', () => {
    const s = clean();
    s.members.push(
      member('a1@x.example', { workspaceRole: 'admin', attestedAt: new Date(NOW.getTime() - 89 * DAY) }),
      member('a2@x.example', { workspaceRole: 'admin', attestedAt: new Date(NOW.getTime() - 90 * DAY) }),
      member('a3@x.example', { workspaceRole: 'admin' }),
    );
    expect(keys(s)).toEqual(['attestation-overdue:a2@x.example', 'attestation-overdue:a3@x.example']);
    expect(evaluateFindings(s)[1]!.message).toContain('never been re-attested');
  });

  it('reports any observed allow_all, also under 3.2, enabled or not', () => {
    const s = clean();
    s.observedControls[0] = control('gmail', { mode: 'allow_all' });
    const f = only(s);
    expect(f).toMatchObject({
      key: 'allow-all:gmail',
      control: '6.2',
      kind: 'allow-all',
      subjectType: 'app',
      subjectId: 'gmail',
    });
    expect(f.cause.controls).toEqual(['6.2', '3.2']);
  });

  it('reports an enabled app on custom (the exception is applied on read), not a disabled one', () => {
    const s = clean();
    s.baselineControls = s.baselineControls.map((c) => ({ ...c, enabled: true }));
    s.observedControls = s.observedControls.map((c) => ({ ...c, enabled: c.appId === 'slack' }));
    expect(keys(s)).toEqual([
      'action-custom:slack',
      'action-drift:custom_mcp_servers:enabled',
      'action-drift:gmail:enabled',
      'action-drift:google_drive:enabled',
    ]);
    expect(evaluateFindings(s)[0]!.message).toContain('slack uses custom action control (allows search, read_channel)');
  });

  it('reports new_actions_default other than deny', () => {
    const s = clean();
    s.observedControls[1] = control('google_drive', { newActionsDefault: 'allow' });
    expect(only(s)).toMatchObject({
      key: 'new-actions-allow:google_drive',
      control: '6.2',
      cause: { observed: 'allow', baseline: 'deny' },
    });
  });

  it('reports any other departure from the baseline as drift, once per field', () => {
    const s = clean();
    s.observedControls = [
      control('gmail', { enabled: true }),
      control('google_drive', { mode: 'custom' }), // disabled, so only drift
      control('slack', {
        mode: 'custom',
        allowedActions: ['search', 'read_channel', 'post_to_dm'],
        deniedActions: ['post_to_channel', 'dm_external'],
      }),
      control('zoom', { enabled: true }), // not in the baseline: judged against disabled, read-only, deny
    ];
    expect(keys(s)).toEqual([
      'action-drift:gmail:enabled',
      'action-drift:google_drive:action_control',
      'action-drift:slack:actions',
      'action-drift:zoom:enabled',
    ]);
    const slack = evaluateFindings(s).find((f) => f.key === 'action-drift:slack:actions')!;
    expect(slack.message).toContain('also allows post_to_dm');
    expect(slack.message).toContain('no longer denies post_to_dm');
  });

  it('gives the same keys from one evaluation to the next, whatever the input order', () => {
    const s = clean();
    s.members.push(member('cy@x.example', { directAgentRoles: ['agents-build'], workspaceRole: 'admin' }));
    s.observedControls[0] = control('gmail', { mode: 'allow_all', newActionsDefault: 'allow' });
    const reversed = {
      ...s,
      members: [...s.members].reverse(),
      observedControls: [...s.observedControls].reverse(),
      observedRoles: [...s.observedRoles].reverse(),
    };
    expect(keys(reversed)).toEqual(keys(s));
    expect(new Set(keys(s)).size).toBe(keys(s).length);
  });
});
