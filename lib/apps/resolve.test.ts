import { describe, expect, it } from 'vitest';
import { builtinCatalogue, STRICT_UNTRUSTED } from './builtin.ts';
import { foldAppName } from './fold.ts';
import { createAppResolver, indexCatalogue } from './resolve.ts';

const resolve = createAppResolver(builtinCatalogue('guide'));
const idOf = (written: string) => resolve(written).id;

describe('app matching', () => {
  it.each([
    ['Google Drive', 'google-drive'],
    ['google_drive', 'google-drive'],
    ['GOOGLE-DRIVE', 'google-drive'],
    ['Drive', 'google-drive'],
    ['  google drive ', 'google-drive'],
    ['Calendar', 'google-calendar'],
    ['Google Calendar', 'google-calendar'],
    ['google_calendar', 'google-calendar'],
    ['Docs', 'google-docs'],
    ['Google Docs', 'google-docs'],
    ['Gmail', 'gmail'],
    ['Google Mail', 'gmail'],
    ['SharePoint', 'sharepoint'],
    ['Share Point', 'sharepoint'],
    ['OneDrive', 'onedrive'],
    ['One-Drive', 'onedrive'],
    ['Microsoft Outlook', 'outlook'],
    ['Web Search', 'web-search'],
    ['web_search', 'web-search'],
    ['websearch', 'web-search'],
    ['Browser', 'browser'],
    ['Atlassian Rovo', 'atlassian-rovo'],
    ['atlassian_rovo', 'atlassian-rovo'],
    ['Rovo', 'atlassian-rovo'],
    ['GitHub', 'github'],
    ['Git Lab', 'gitlab'],
    ['Jira', 'jira'],
    ['Confluence', 'confluence'],
    ['Notion', 'notion'],
    ['Box', 'box'],
    ['Dropbox', 'dropbox'],
    ['Salesforce', 'salesforce'],
    ['Slack', 'slack'],
  ])('%s → %s', (written, id) => {
    expect(resolve(written)).toMatchObject({ status: 'known', id });
  });

  it('matches whole names only, never substrings', () => {
    for (const written of ['gmail-archive', 'Slackbot', 'My Drive Folder', 'githubby', 'drive2', 'box office']) {
      expect(resolve(written).status).toBe('unknown');
    }
    // The guide's script greps substrings: "dropbox" contains "box". Tollgate does not confuse them.
    expect(idOf('dropbox')).toBe('dropbox');
  });

  it('folds case, spaces, underscores and hyphens only', () => {
    expect(foldAppName('Google_Drive - X')).toBe('googledrivex');
    expect(foldAppName('box.com')).toBe('box.com');
  });

  it('keeps a custom MCP server as mcp:<name> with all three legs until classified', () => {
    expect(resolve('mcp:acme-crm')).toMatchObject({
      status: 'mcp_unclassified',
      id: 'mcp:acme-crm',
      legs: ['private_data', 'untrusted_content', 'external_send'],
    });
    expect(resolve(' MCP : Acme CRM ')).toMatchObject({ status: 'mcp_unclassified', id: 'mcp:Acme CRM' });
    const classified = createAppResolver({
      profile: 'guide',
      apps: [
        ...builtinCatalogue('guide').apps,
        { id: 'mcp:acme-crm', name: 'Acme CRM (MCP)', aliases: [], legs: ['private_data'], actions: [] },
      ],
    });
    expect(classified('MCP:Acme_CRM')).toMatchObject({ status: 'known', id: 'mcp:acme-crm', legs: ['private_data'] });
    expect(resolve('mcp:')).toMatchObject({ status: 'unknown' });
  });

  it('counts an unknown app for no leg and keeps it as written', () => {
    expect(resolve(' Zapier ')).toEqual({ status: 'unknown', written: 'Zapier', id: 'Zapier', app: null, legs: [] });
  });

  it('refuses a catalogue where two apps claim one name', () => {
    const apps = builtinCatalogue('guide').apps;
    apps.push({ id: 'drive', name: 'Other drive', aliases: ['Drive'], legs: [], actions: [] });
    expect(() => indexCatalogue({ profile: 'guide', apps })).toThrow(/"drive" names both google-drive and drive/);
  });
});

describe('built-in profiles', () => {
  const legsOf = (profile: 'guide' | 'strict', id: string) =>
    builtinCatalogue(profile).apps.find((a) => a.id === id)!.legs;

  it('guide: the union of the ClickOps lists and the 6.04 script lists', () => {
    const byLeg = (leg: string) =>
      builtinCatalogue('guide')
        .apps.filter((a) => a.legs.includes(leg as never))
        .map((a) => a.id)
        .sort();
    expect(byLeg('private_data')).toEqual([
      'atlassian-rovo',
      'box',
      'confluence',
      'dropbox',
      'github',
      'gitlab',
      'gmail',
      'google-calendar',
      'google-docs',
      'google-drive',
      'jira',
      'notion',
      'onedrive',
      'outlook',
      'salesforce',
      'sharepoint',
    ]);
    expect(byLeg('untrusted_content')).toEqual([
      'browser',
      'confluence',
      'gmail',
      'google-calendar',
      'jira',
      'notion',
      'outlook',
      'slack',
      'web-search',
    ]);
    expect(byLeg('external_send')).toEqual([
      'browser',
      'github',
      'gitlab',
      'gmail',
      'google-calendar',
      'outlook',
      'salesforce',
      'slack',
      'web-search',
    ]);
  });

  it('strict: shared-document stores and code hosts also carry untrusted content', () => {
    for (const id of STRICT_UNTRUSTED) {
      expect(legsOf('guide', id)).not.toContain('untrusted_content');
      expect(legsOf('strict', id)).toContain('untrusted_content');
    }
    expect(legsOf('strict', 'google-docs')).toEqual(legsOf('guide', 'google-docs'));
  });

  it('gives every app that lights external-send at least one external-send action', () => {
    for (const app of builtinCatalogue('guide').apps) {
      expect(app.legs.includes('external_send'), app.id).toBe(app.actions.some((a) => a.externalSend));
    }
  });

  it('maps actions to the 6.03 approval categories', () => {
    const action = (id: string, name: string) =>
      builtinCatalogue('guide')
        .apps.find((a) => a.id === id)!
        .actions.find((a) => a.name === name);
    expect(action('gmail', 'send')).toMatchObject({
      access: 'write',
      externalSend: true,
      approvalCategory: 'email_send',
    });
    expect(action('google-calendar', 'invite_external')?.approvalCategory).toBe('calendar_invite_external');
    expect(action('slack', 'post_to_channel')?.approvalCategory).toBe('slack_post_to_channel_or_external_dm');
    expect(action('github', 'merge')?.approvalCategory).toBe('github_push_merge_release');
    expect(action('web-search', 'search')).toMatchObject({ access: 'read', externalSend: true });
  });
});
