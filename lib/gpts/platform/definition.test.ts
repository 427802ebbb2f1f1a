// The route table round-trips (what the client builds, the simulator recognises, whatever the id holds), and the
// raw shapes keep what they do not know while refusing what would make a GPT look safer than it is.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRaw } from './parse.ts';
import { ACTION_KINDS } from '@/lib/platform/kinds.ts';
import {
  ACTION_ROUTES,
  actionParams,
  matchRoute,
  PLATFORM_ROUTES,
  principalPath,
  type RouteName,
  rawConfig,
  rawGpt,
  routePath,
} from './definition.ts';

const config = { id: 'gcfg-1', created_at: 1767312000, tools: [], files: [] };
const gpt = { id: 'g-1', created_at: 1767225600, updated_at: 1767312000, sharing: { visibility: 'private' } };

describe('platform routes', () => {
  it('puts an org- principal under organizations and any other under workspaces', () => {
    expect(principalPath('org-123')).toBe('/organizations/org-123');
    expect(principalPath('ws a/b')).toBe('/workspaces/ws%20a%2Fb');
  });

  it('matches every route the client builds, with the ids it was given, whatever they contain', () => {
    const names = Object.keys(PLATFORM_ROUTES) as RouteName[];
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (name, a, b) => {
        const path = routePath(name, 'ws-1', { gpt_id: a, file_id: b, agent_id: a });
        const match = matchRoute(PLATFORM_ROUTES[name].method, path.slice(principalPath('ws-1').length));
        expect(match?.name).toBe(name);
        const expected: Record<string, string> = {};
        if (PLATFORM_ROUTES[name].path.includes('{gpt_id}')) expected.gpt_id = a;
        if (PLATFORM_ROUTES[name].path.includes('{file_id}')) expected.file_id = b;
        if (PLATFORM_ROUTES[name].path.includes('{agent_id}')) expected.agent_id = a;
        expect(match?.params).toEqual(expected);
      }),
    );
  });

  it('recognises nothing else: a wrong method, an empty id, an extra segment', () => {
    expect(matchRoute('POST', '/gpts')).toBeNull();
    expect(matchRoute('GET', '/gpts//configs')).toBeNull();
    expect(matchRoute('GET', '/gpts/g-1/configs/extra')).toBeNull();
    expect(matchRoute('GET', '/gpts/%E0%A4%A')).toBeNull();
    expect(() => routePath('getGpt', 'ws-1')).toThrow(/needs gpt_id/);
    expect(() => routePath('getGpt', 'ws-1', { gpt_id: '' })).toThrow(/needs gpt_id/);
    expect(matchRoute('GET', '/agents/a-1/unpublish')).toBeNull();
    expect(matchRoute('POST', '/agents/a-1')).toBeNull();
  });

  it('gives every kind of platform action an acting route, and only the acting routes are acting', () => {
    expect(Object.keys(ACTION_ROUTES).sort()).toEqual([...ACTION_KINDS].sort());
    const acting = (Object.keys(PLATFORM_ROUTES) as RouteName[]).filter((n) => PLATFORM_ROUTES[n].acting);
    expect(acting.sort()).toEqual(Object.values(ACTION_ROUTES).sort());
    expect(acting.every((n) => PLATFORM_ROUTES[n].method !== 'GET')).toBe(true);
  });

  it("puts an action's target where its route wants it", () => {
    const unpublish = actionParams('unpublish_agent', { targetId: 'a 1', fileId: 'f-1' });
    expect(routePath(ACTION_ROUTES.unpublish_agent, 'ws-1', unpublish)).toBe('/workspaces/ws-1/agents/a%201/unpublish');
    const file = actionParams('delete_gpt_file', { targetId: 'g-1', fileId: 'f-1' });
    expect(routePath(ACTION_ROUTES.delete_gpt_file, 'ws-1', file)).toBe('/workspaces/ws-1/gpts/g-1/files/f-1');
    expect(() => routePath('deleteFile', 'ws-1', actionParams('delete_gpt_file', { targetId: 'g-1' }))).toThrow(
      /needs file_id/,
    );
  });
});

describe('raw shapes', () => {
  it('keep unknown fields and accept ISO times', () => {
    const raw = { ...gpt, created_at: '2026-01-01T00:00:00Z', extra: { a: 1 }, latest_config: { ...config, x: [1] } };
    expect(checkRaw(rawGpt, raw, 'here')).toEqual({ ok: true, value: raw });
  });

  it('refuse a configuration without tools or files, rather than read it as a GPT with none', () => {
    const { tools: _t, ...noTools } = config;
    expect(checkRaw(rawConfig, noTools, 'here')).toMatchObject({
      ok: false,
      problem: { id: 'gcfg-1', field: 'tools' },
    });
    const { files: _f, ...noFiles } = config;
    expect(checkRaw(rawConfig, noFiles, 'here')).toMatchObject({ ok: false, problem: { field: 'files' } });
  });

  it('refuse an app tool without its app, a time past the year 9999, and name the place when there is no id', () => {
    const badApp = { ...gpt, latest_config: { ...config, tools: [{ type: 'app' }] } };
    expect(checkRaw(rawGpt, badApp, 'here')).toMatchObject({
      problem: { id: 'g-1', field: 'latest_config.tools[0].app' },
    });
    const late = { ...gpt, updated_at: 1e12, latest_config: config };
    expect(checkRaw(rawGpt, late, 'here')).toMatchObject({ problem: { field: 'updated_at' } });
    expect(checkRaw(rawGpt, { ...gpt, id: 7 }, 'line 3')).toMatchObject({ problem: { id: 'line 3', field: 'id' } });
  });
});
