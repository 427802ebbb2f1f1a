import { describe, expect, it } from 'vitest';
import { builtinCatalogue } from './builtin.ts';
import { departuresFromGuide } from './departures.ts';

describe('departures from the guide', () => {
  it('finds none in the guide profile', () => {
    expect(departuresFromGuide(builtinCatalogue('guide'))).toEqual([]);
  });

  it('lists the strict profile as untrusted-content additions', () => {
    const d = departuresFromGuide(builtinCatalogue('strict'));
    expect(d.map((x) => x.appId).sort()).toEqual([
      'box',
      'dropbox',
      'github',
      'gitlab',
      'google-drive',
      'onedrive',
      'sharepoint',
    ]);
    expect(d[0]).toMatchObject({ kind: 'changed', legsAdded: ['untrusted_content'], legsRemoved: [] });
  });

  it('reports added, removed and edited apps', () => {
    const c = builtinCatalogue('guide');
    c.apps = c.apps.filter((a) => a.id !== 'box');
    c.apps.push({ id: 'mcp:crm', name: 'CRM', aliases: [], legs: ['private_data'], actions: [] });
    const slack = c.apps.find((a) => a.id === 'slack')!;
    slack.actions = slack.actions.map((a) => (a.name === 'post_to_dm' ? { ...a, approvalCategory: null } : a));
    slack.aliases = ['Slack Enterprise'];
    expect(departuresFromGuide(c)).toEqual([
      {
        appId: 'slack',
        kind: 'changed',
        legsAdded: [],
        legsRemoved: [],
        aliasesChanged: true,
        actionsChanged: ['post_to_dm'],
        renamed: false,
      },
      { appId: 'mcp:crm', kind: 'added', legs: ['private_data'] },
      { appId: 'box', kind: 'removed' },
    ]);
  });
});
