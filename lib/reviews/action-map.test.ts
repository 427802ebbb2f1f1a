import { describe, expect, it } from 'vitest';
import { builtinCatalogue } from '@/lib/apps/builtin.ts';
import { createAppResolver } from '@/lib/apps/resolve.ts';
import { actionMap } from './action-map.ts';
import { GUIDE_POLICY } from './policy.ts';

const resolve = createAppResolver(builtinCatalogue('guide'));

describe('actionMap', () => {
  it('lists the actions the allowed tools leave, with their category and gate', () => {
    const map = actionMap(
      [{ app: 'gmail', allowedTools: ['search', 'send'], approvals: 'never' }],
      resolve,
      GUIDE_POLICY,
    );
    expect(map.map((a) => [a.action, a.access, a.category, a.gate, a.violation])).toEqual([
      ['search', 'read', null, 'none', false],
      ['send', 'write', 'email_send', 'none', true],
    ]);
    expect(map[1]!.fix).toMatch(/set user approvals to "always" on the gmail connector/);
  });

  it('gates every action when the connector always asks, and no required category is then a violation', () => {
    const map = actionMap([{ app: 'Slack', approvals: 'always' }], resolve, GUIDE_POLICY);
    expect(map.every((a) => a.gate === 'human_required' && !a.violation)).toBe(true);
    expect(map.map((a) => a.action)).toEqual([
      'search',
      'read_channel',
      'post_to_channel',
      'post_to_dm',
      'dm_external',
    ]);
  });

  it('counts an unknown approval setting as ungated, and marks logged actions from the policy', () => {
    const map = actionMap([{ app: 'google_drive', approvals: 'sometimes' }], resolve, GUIDE_POLICY);
    expect(map.find((a) => a.action === 'create_or_update')).toMatchObject({ gate: 'logged', violation: false });
    expect(map.find((a) => a.action === 'bulk_write_or_delete')).toMatchObject({
      gate: 'none',
      violation: true,
      category: 'sharepoint_drive_bulk_write_or_delete',
    });
  });

  it('leaves out what the workspace action control denies', () => {
    expect(
      actionMap([{ app: 'github', actionControl: 'read_only' }], resolve, GUIDE_POLICY).map((a) => a.action),
    ).toEqual(['search', 'read']);
    expect(
      actionMap([{ app: 'github', actionControl: 'custom', deniedActions: ['push', 'merge'] }], resolve, GUIDE_POLICY)
        .filter((a) => a.violation)
        .map((a) => a.action),
    ).toEqual(['release']);
  });

  it('stands one entry for a custom MCP server, in the first-invocation category', () => {
    expect(actionMap([{ app: 'mcp:acme-crm', approvals: 'never' }], resolve, GUIDE_POLICY)).toEqual([
      expect.objectContaining({
        action: '*',
        access: 'unknown',
        category: 'mcp_first_invocation_of_tool',
        violation: true,
      }),
    ]);
    expect(actionMap([{ app: 'mcp:acme-crm', approvals: 'always' }], resolve, GUIDE_POLICY)[0]).toMatchObject({
      gate: 'human_required',
      violation: false,
    });
  });

  it('follows the policy: a category it no longer requires is no violation', () => {
    const policy = { required: GUIDE_POLICY.required.filter((c) => c !== 'email_send'), logged: [] };
    expect(actionMap([{ app: 'gmail' }], resolve, policy).some((a) => a.violation)).toBe(false);
  });
});
