// The built-in catalogues. `guide`: the ClickOps lists of control 6.4 step 2 united with the lists of
// the guide's 6.04 script, ids spelled as the script spells them. `strict`: the same, plus untrusted
// content for shared-document stores and code hosts (the guide's AgentFlayer example is a poisoned
// Drive document). Approval categories come from the 6.03 approval-policy pack.
import type { Leg } from './legs.ts';
import type { AppAction, Catalogue, CatalogueApp, CatalogueProfile } from './types.ts';

const P: Leg = 'private_data';
const U: Leg = 'untrusted_content';
const S: Leg = 'external_send';

const read = (name: string, externalSend = false): AppAction => ({
  name,
  access: 'read',
  externalSend,
  approvalCategory: null,
});
const write = (name: string, approvalCategory: string | null = null): AppAction => ({
  name,
  access: 'write',
  externalSend: false,
  approvalCategory,
});
const send = (name: string, approvalCategory: string | null = null): AppAction => ({
  name,
  access: 'write',
  externalSend: true,
  approvalCategory,
});

const app = (id: string, name: string, aliases: string[], legs: Leg[], actions: AppAction[]): CatalogueApp => ({
  id,
  name,
  aliases,
  legs,
  actions,
});

const GUIDE_APPS: CatalogueApp[] = [
  app(
    'gmail',
    'Gmail',
    ['Google Mail'],
    [P, U, S],
    [read('search'), read('read'), write('draft'), send('send', 'email_send'), send('reply', 'email_send')],
  ),
  app(
    'google-drive',
    'Google Drive',
    ['Drive', 'GDrive'],
    [P],
    [
      read('search'),
      read('read'),
      write('create_or_update', 'drive_create_or_update_within_owned_folder'),
      write('bulk_write_or_delete', 'sharepoint_drive_bulk_write_or_delete'),
    ],
  ),
  app(
    'google-calendar',
    'Google Calendar',
    ['Calendar', 'GCal'],
    [P, U, S],
    [read('read'), write('create_event'), send('invite_external', 'calendar_invite_external')],
  ),
  app('google-docs', 'Google Docs', ['Docs'], [P], [read('read'), write('edit')]),
  app(
    'sharepoint',
    'SharePoint',
    ['Microsoft SharePoint', 'SharePoint Online'],
    [P],
    [
      read('search'),
      read('read'),
      write('write'),
      write('bulk_write_or_delete', 'sharepoint_drive_bulk_write_or_delete'),
    ],
  ),
  app(
    'onedrive',
    'OneDrive',
    ['Microsoft OneDrive', 'OneDrive for Business'],
    [P],
    [
      read('search'),
      read('read'),
      write('write'),
      write('bulk_write_or_delete', 'sharepoint_drive_bulk_write_or_delete'),
    ],
  ),
  app(
    'outlook',
    'Outlook',
    ['Microsoft Outlook', 'Outlook Mail'],
    [P, U, S],
    [
      read('search'),
      read('read'),
      write('draft'),
      send('send', 'email_send'),
      send('invite_external', 'calendar_invite_external'),
    ],
  ),
  app(
    'salesforce',
    'Salesforce',
    ['Salesforce CRM'],
    [P, S],
    [
      read('search'),
      read('read'),
      send('record_create_update_delete', 'salesforce_record_create_update_delete'),
      send('send_email', 'email_send'),
    ],
  ),
  app(
    'notion',
    'Notion',
    [],
    [P, U],
    [read('search'), read('read'), write('create_page', 'notion_create_page_in_owned_workspace')],
  ),
  app(
    'confluence',
    'Confluence',
    ['Atlassian Confluence'],
    [P, U],
    [read('search'), read('read'), write('create_or_update_page')],
  ),
  app(
    'jira',
    'Jira',
    ['Atlassian Jira', 'Jira Cloud'],
    [P, U],
    [read('search'), read('read'), write('comment', 'jira_comment_on_owned_ticket'), write('create_or_update_issue')],
  ),
  app(
    'github',
    'GitHub',
    [],
    [P, S],
    [
      read('search'),
      read('read'),
      send('push', 'github_push_merge_release'),
      send('merge', 'github_push_merge_release'),
      send('release', 'github_push_merge_release'),
      send('comment'),
    ],
  ),
  app(
    'gitlab',
    'GitLab',
    [],
    [P, S],
    [read('search'), read('read'), send('push'), send('merge'), send('release'), send('comment')],
  ),
  app('box', 'Box', [], [P], [read('search'), read('read'), write('upload'), write('delete')]),
  app('dropbox', 'Dropbox', [], [P], [read('search'), read('read'), write('upload'), write('delete')]),
  app('atlassian-rovo', 'Atlassian Rovo', ['Rovo'], [P], [read('search'), read('read')]),
  app(
    'slack',
    'Slack',
    [],
    [U, S],
    [
      read('search'),
      read('read_channel'),
      send('post_to_channel', 'slack_post_to_channel_or_external_dm'),
      send('post_to_dm', 'slack_post_to_channel_or_external_dm'),
      send('dm_external', 'slack_post_to_channel_or_external_dm'),
    ],
  ),
  // Web search and browser reads are themselves outbound requests: read-only does not mitigate them.
  app('web-search', 'Web Search', [], [U, S], [read('search', true)]),
  app('browser', 'Browser', ['Web Browser'], [U, S], [read('open_url', true), send('submit_form')]),
];

/** Apps that `strict` also counts as untrusted content: shared-document stores and code hosts. */
export const STRICT_UNTRUSTED = ['google-drive', 'sharepoint', 'onedrive', 'box', 'dropbox', 'github', 'gitlab'];

export const PROFILES: readonly CatalogueProfile[] = ['guide', 'strict'];

export function builtinCatalogue(profile: CatalogueProfile): Catalogue {
  const apps = structuredClone(GUIDE_APPS);
  if (profile === 'strict') {
    for (const entry of apps) {
      if (STRICT_UNTRUSTED.includes(entry.id) && !entry.legs.includes(U)) entry.legs = sortLegs([...entry.legs, U]);
    }
  }
  return { profile, apps };
}

function sortLegs(legs: Leg[]): Leg[] {
  const order: Leg[] = [P, U, S];
  return order.filter((l) => legs.includes(l));
}
