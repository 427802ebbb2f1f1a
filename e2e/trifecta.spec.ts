// Items 18 and 19 on the agent page: a send closed by action control is shown closed, not starred; the diagram
// says in one sentence who completes it; a suspended agent reads "Suspended" with its risk state underneath;
// plain words lead, ids come second; the glossary is one click away on every page.
import { expect, test } from '@playwright/test';
import { seriousViolations } from './axe.ts';
import { shot } from './shots.ts';
import { signInAs, useOwnWorkspace } from './fixtures.ts';

test('GitHub’s sends closed: the diagram stars Slack only, says why; a suspension reads “Suspended”', async ({
  page,
}) => {
  const run = `tf${Date.now().toString(36)}`;
  await signInAs(page, 'admin', '/settings');
  // Action control is workspace-wide: a workspace of the test's own, so the demo's agents keep theirs.
  await useOwnWorkspace(page, `ws-${run}`);

  const csv = [
    'agent_id,agent_name,owner_email,connected_apps',
    `${run}-rel,Release bot ${run},rhea@acme.example,"GitHub; Slack"`,
  ].join('\r\n');
  await page.goto('/agents/import');
  await page
    .getByLabel('Agent export (CSV)')
    .setInputFiles({ name: `${run}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`${csv}\r\n`) });
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await page.getByRole('button', { name: 'Commit import' }).click();
  await expect(page.getByRole('heading', { name: 'Import committed' })).toBeVisible();

  const controls = {
    apps: {
      github: {
        enabled: true,
        action_control: 'custom',
        actions_allowed: ['search', 'read'],
        actions_denied: ['push', 'merge', 'release', 'comment'],
        new_actions_default: 'deny',
      },
    },
  };
  await page.goto('/apps/action-control');
  await page.getByLabel(/^Pack file/).setInputFiles({
    name: 'apps-live.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(controls)),
  });
  await page.getByRole('button', { name: 'Import pack' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'reclassified' })).toBeVisible();

  await page.goto(`/agents/${run}-rel`);
  const diagram = page.getByRole('img', { name: /^Trifecta\./ });
  const send = diagram.locator('[data-leg="external_send"]');
  await expect(send.locator('[data-app="github"]')).toHaveText(/^GitHub \(closed\)/);
  await expect(send.locator('[data-app="github"]')).not.toHaveClass(/completing/);
  await expect(send.locator('[data-app="slack"]')).toHaveText(/★ Slack/);
  await expect(diagram.locator('[data-leg="private_data"] [data-app="github"]')).toHaveText(/★ GitHub/);
  await expect(
    page.getByText(
      'Each of GitHub and Slack completes it: GitHub is the only private-data ' +
        'app, Slack is the only untrusted-content and open external-send app.',
    ),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'What would break it' }).locator('..')).toContainText(
    'github (every external-send action is denied)',
  );

  // Words first, ids second.
  const identity = page.getByRole('region', { name: 'Identity' });
  await expect(identity).toContainText('all three: private data, untrusted content and external send');
  await expect(identity).toContainText('Risk state');
  await expect(identity).not.toContainText('Legs');
  await expect(identity.getByRole('button', { name: /^Copy configuration hash [0-9a-f]{64}$/ })).toBeVisible();
  const apps = page.locator('div[role="region"][aria-label="Connected apps"]');
  await expect(apps.getByRole('row', { name: /Slack/ })).toContainText(
    'Posting to a Slack channel or messaging outside people',
  );
  await expect(apps.getByRole('row', { name: /Slack/ }).locator('.tech-id code')).toHaveText(
    'slack_post_to_channel_or_external_dm',
  );
  await shot(page, 'agent-closed-send');
  expect(await seriousViolations(page)).toEqual([]);

  // Suspended: "Suspended" first, the risk state underneath, and no red "Exposed" badge.
  const header = page.locator('.page-header');
  await expect(header.locator('.state-exposed')).toHaveCount(1);
  const suspend = page.getByRole('form', { name: 'Suspend this agent' });
  await suspend.getByLabel('Reason (required)').fill('Suspended while GitHub access is reviewed (INC-1800).');
  await suspend.getByRole('button', { name: 'Suspend' }).click();
  await expect(page.getByRole('link', { name: 'Open the suspension' })).toBeVisible();
  await page.reload();
  await expect(header.getByText('Suspended', { exact: true })).toBeVisible();
  await expect(header).toContainText('risk state: Exposed');
  await expect(header.locator('.state-exposed')).toHaveCount(0);
  await expect(identity).toContainText('held while suspended');
  await expect(identity.locator('.state-exposed')).toHaveCount(0);
  await expect(apps.getByRole('row', { name: /GitHub/ })).toContainText(
    'Closed: every external-send action is denied.',
  );
  await shot(page, 'agent-suspended');

  // The agents list too: the risk state held in grey, no red badge on a suspended agent.
  await page.goto(`/agents?q=${run}`);
  const listed = page
    .locator('div[role="region"][aria-label="Agents"]')
    .getByRole('row', { name: new RegExp(`Release bot ${run}`) });
  await expect(listed).toContainText('held while suspended');
  await expect(listed.locator('.state-exposed')).toHaveCount(0);

  // The review page says the same.
  await page.goto(`/reviews/${run}-rel`);
  await expect(page.locator('.page-header')).toContainText('risk state: Exposed');
  await expect(page.getByText('Effective state')).toHaveCount(0);
  await shot(page, 'review-suspended', [1440]);
  expect(await seriousViolations(page)).toEqual([]);
});

test('the glossary is in the top bar of every page and explains the words', async ({ page }) => {
  await signInAs(page, 'auditor', '/agents');
  for (const path of ['/agents', '/reviews', '/posture', '/audit']) {
    await page.goto(path);
    await expect(page.getByRole('banner').getByRole('link', { name: 'Glossary' })).toBeVisible();
  }
  await page.getByRole('banner').getByRole('link', { name: 'Glossary' }).click();
  await expect(page.getByRole('heading', { name: 'Glossary', level: 1 })).toBeVisible();
  await expect(page.locator('#risk-state')).toContainText('effective state');
  await expect(page.locator('#approval-category')).toContainText('slack_post_to_channel_or_external_dm');
  await expect(page.locator('#leg')).toContainText('P, U and S');
  await shot(page, 'glossary');
  expect(await seriousViolations(page)).toEqual([]);
});
