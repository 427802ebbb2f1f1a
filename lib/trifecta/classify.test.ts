import { describe, expect, it } from 'vitest';
import { builtinCatalogue } from '@/lib/apps/builtin.ts';
import { createAppResolver } from '@/lib/apps/resolve.ts';
import { configHash } from '@/lib/agents/config-hash.ts';
import { classifyAgent } from './classify.ts';
import type { ConnectorInput } from './types.ts';

const guide = createAppResolver(builtinCatalogue('guide'));
const strict = createAppResolver(builtinCatalogue('strict'));
const apps = (...names: string[]): ConnectorInput[] => names.map((app) => ({ app }));

describe('exposure', () => {
  it('lists the apps lighting each leg, sorted, and flags the trifecta', () => {
    const c = classifyAgent(apps('Slack', 'Google Drive', 'Zapier'), guide);
    expect(c.legs).toEqual({ private_data: ['google-drive'], untrusted_content: ['slack'], external_send: ['slack'] });
    expect(c).toMatchObject({ legCount: 3, trifecta: true, unknownApps: ['Zapier'], effectiveState: 'exposed' });
  });

  it('is not a trifecta with two legs', () => {
    const c = classifyAgent(apps('Google Drive', 'Docs', 'Notion'), guide);
    expect(c).toMatchObject({ legCount: 2, trifecta: false, effectiveState: 'none', breakSets: [], restrict: [] });
  });

  it('depends on the profile: Drive plus a sender is a trifecta only under strict', () => {
    expect(classifyAgent(apps('Drive', 'GitHub'), guide).trifecta).toBe(false);
    const c = classifyAgent(apps('Drive', 'GitHub'), strict);
    expect(c.trifecta).toBe(true);
    expect(c.legs.untrusted_content).toEqual(['github', 'google-drive']);
  });

  it('counts one app written two ways once', () => {
    const c = classifyAgent(apps('Google Drive', 'google_drive', 'Drive'), guide);
    expect(c.apps).toHaveLength(1);
    expect(c.legs.private_data).toEqual(['google-drive']);
  });

  it('counts an unclassified MCP server for all three legs on its own', () => {
    const c = classifyAgent(apps('mcp:acme-crm'), guide);
    expect(c).toMatchObject({ trifecta: true, unclassifiedMcp: ['mcp:acme-crm'], effectiveState: 'exposed' });
    expect(c.legs.external_send).toEqual(['mcp:acme-crm']);
    expect(c.restrict).toEqual([{ app: 'mcp:acme-crm', fix: 'classify', actions: [] }]);
  });

  it('counts an unknown app for no leg but reports it', () => {
    const c = classifyAgent(apps('Zapier', 'Make.com'), guide);
    expect(c).toMatchObject({ legCount: 0, trifecta: false, unknownApps: ['Make.com', 'Zapier'] });
  });
});

describe('effective state', () => {
  const gmailSlackDrive = (gmail: Partial<ConnectorInput>, slack: Partial<ConnectorInput>): ConnectorInput[] => [
    { app: 'Gmail', ...gmail },
    { app: 'Slack', ...slack },
    { app: 'Drive' },
  ];

  it('is mitigated when every sender is read-only, send-denied or gated', () => {
    const c = classifyAgent(gmailSlackDrive({ actionControl: 'read_only' }, { approvals: 'always' }), guide);
    expect(c.effectiveState).toBe('mitigated');
    expect(c.sendMitigations.map((m) => [m.app, m.mitigated])).toEqual([
      ['gmail', true],
      ['slack', true],
    ]);
    const denied = classifyAgent(
      gmailSlackDrive(
        { allowedTools: ['search', 'read'] },
        { deniedActions: ['post_to_channel', 'post_to_dm', 'dm_external'] },
      ),
      guide,
    );
    expect(denied.effectiveState).toBe('mitigated');
  });

  it('stays exposed while one sender can still send without a human', () => {
    const c = classifyAgent(
      gmailSlackDrive({ actionControl: 'read_only' }, { allowedTools: ['search', 'post_to_dm'] }),
      guide,
    );
    expect(c.effectiveState).toBe('exposed');
    expect(c.sendMitigations.find((m) => m.app === 'slack')).toMatchObject({
      mitigated: false,
      openActions: ['post_to_dm'],
    });
    expect(c.restrict).toEqual([{ app: 'slack', fix: 'read_only', actions: ['post_to_dm'] }]);
  });

  it('does not let read-only mitigate web search or browser reads', () => {
    const c = classifyAgent([{ app: 'Drive' }, { app: 'Web Search', actionControl: 'read_only' }], guide);
    expect(c.effectiveState).toBe('exposed');
    expect(c.restrict).toEqual([{ app: 'web-search', fix: 'gate', actions: ['search'] }]);
    expect(classifyAgent([{ app: 'Drive' }, { app: 'Web Search', approvals: 'always' }], guide).effectiveState).toBe(
      'mitigated',
    );
  });

  it('mitigates an unclassified MCP server only with a human gate on every call', () => {
    expect(classifyAgent([{ app: 'mcp:x', actionControl: 'read_only' }], guide).effectiveState).toBe('exposed');
    expect(classifyAgent([{ app: 'mcp:x', approvals: 'always' }], guide).effectiveState).toBe('mitigated');
  });

  it('is accepted under an unexpired exception at the same configuration hash, and lapses otherwise', () => {
    const connectors = apps('Gmail');
    const hash = configHash(connectors);
    const now = new Date('2026-11-22T00:00:00Z');
    const acceptances = [{ configHash: hash, expiresAt: new Date('2026-12-01T00:00:00Z') }];
    expect(classifyAgent(connectors, guide, { configHash: hash, acceptances, now }).effectiveState).toBe('accepted');
    expect(
      classifyAgent(connectors, guide, { configHash: hash, acceptances, now: new Date('2026-12-01T00:00:00Z') })
        .effectiveState,
    ).toBe('exposed');
    const changed = apps('Gmail', 'Slack');
    expect(classifyAgent(changed, guide, { configHash: configHash(changed), acceptances, now }).effectiveState).toBe(
      'exposed',
    );
  });

  it('prefers mitigated over accepted: a closed path needs no exception', () => {
    const connectors: ConnectorInput[] = [{ app: 'Gmail', approvals: 'always' }];
    const hash = configHash(connectors);
    const c = classifyAgent(connectors, guide, {
      configHash: hash,
      acceptances: [{ configHash: hash, expiresAt: new Date(Date.now() + 1e9) }],
    });
    expect(c.effectiveState).toBe('mitigated');
  });
});

describe('what would break it', () => {
  it('gives the single app that completes the trifecta', () => {
    const c = classifyAgent(apps('Google Drive', 'SharePoint', 'Slack', 'Notion'), guide);
    // private: drive, notion, sharepoint · untrusted: notion, slack · send: slack
    expect(c.breakSets).toEqual([['slack']]);
  });

  it('gives every minimum set when several legs tie', () => {
    const c = classifyAgent(apps('Drive', 'Jira', 'GitHub'), guide);
    // private: drive, github, jira · untrusted: jira · send: github
    expect(c.breakSets).toEqual([['github'], ['jira']]);
  });

  it('gives one set when one app lights every leg', () => {
    expect(classifyAgent(apps('Gmail'), guide).breakSets).toEqual([['gmail']]);
    expect(classifyAgent(apps('Gmail', 'Outlook'), guide).breakSets).toEqual([['gmail', 'outlook']]);
  });

  it('is exact: removing any returned set breaks the trifecta, and no smaller set does', () => {
    const names = ['Gmail', 'Slack', 'Drive', 'Jira', 'Web Search', 'Salesforce', 'mcp:tool'];
    for (let mask = 1; mask < 1 << names.length; mask++) {
      const chosen = names.filter((_, i) => mask & (1 << i));
      const c = classifyAgent(apps(...chosen), guide);
      if (!c.trifecta) continue;
      const ids = c.apps.map((a) => a.id);
      const breaks = (removed: string[]) =>
        !classifyAgent(
          ids.filter((id) => !removed.includes(id)).map((app) => ({ app })),
          guide,
        ).trifecta;
      for (const set of c.breakSets) expect(breaks(set), `${chosen} minus ${set}`).toBe(true);
      const size = c.breakSets[0]!.length;
      for (let sub = 1; sub < 1 << ids.length; sub++) {
        const subset = ids.filter((_, i) => sub & (1 << i));
        if (subset.length < size) expect(breaks(subset), `${chosen} minus ${subset}`).toBe(false);
      }
    }
  });
});

describe('configuration hash', () => {
  it('ignores order, spelling variants and duplicates, and changes with settings', () => {
    const base = configHash([{ app: 'Gmail' }, { app: 'Google Drive', allowedTools: ['read', 'search'] }]);
    expect(
      configHash([{ app: 'google_drive', allowedTools: ['search', 'read'] }, { app: 'gmail' }, { app: 'GMAIL' }]),
    ).toBe(base);
    expect(configHash([{ app: 'Gmail' }, { app: 'Google Drive', allowedTools: ['read'] }])).not.toBe(base);
    expect(
      configHash([
        { app: 'Gmail', approvals: 'always' },
        { app: 'Google Drive', allowedTools: ['read', 'search'] },
      ]),
    ).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });
});
