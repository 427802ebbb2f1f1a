// The inventory in the browser: import an export through the UI, then see what it means.
import { expect, test } from '@playwright/test';
import { signInAs } from './fixtures.ts';

test('a reviewer imports an export, skips an invalid row, and sees the trifecta diagram', async ({ page }) => {
  const run = `e2e${Date.now().toString(36)}`;
  const csv = [
    'agent_id,agent_name,owner_email,connected_apps',
    `${run}-inbox,Inbox ${run},rhea@acme.example,"Google Drive; Slack"`,
    `${run}-docs,"=HYPERLINK(""http://evil.example"",""x"")",rhea@acme.example,Docs`,
    `${run}-bad,Broken owner,not-an-email,Slack`,
  ].join('\r\n');

  await signInAs(page, 'reviewer', '/agents/import');
  await page
    .getByLabel('Agent export (CSV)')
    .setInputFiles({ name: `${run}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${csv}\r\n`) });
  // A partial export: the demo workspace's other agents must not be marked missing by this test.
  await page.getByLabel(/This is a full export/).uncheck();
  await page.getByRole('button', { name: 'Upload and preview' }).click();

  await expect(page.getByRole('heading', { name: 'Import preview' })).toBeVisible();
  const errors = page.getByRole('region', { name: 'Invalid rows' });
  await expect(errors.getByRole('row', { name: /4 .*bad owner_email "not-an-email"/ })).toBeVisible();
  const commit = page.getByRole('button', { name: 'Commit import' });
  await expect(commit).toBeDisabled();
  await page.getByLabel(/Skip the 1 invalid row/).check();
  await commit.click();

  await expect(page.getByRole('heading', { name: 'Import committed' })).toBeVisible();
  await expect(page.getByText(/^1 agent became exposed/)).toBeVisible();
  await page.getByRole('link', { name: `Inbox ${run}` }).click();

  const diagram = page.getByRole('img', { name: /^Trifecta\. Completed by google-drive, slack\./ });
  await expect(diagram).toBeVisible();
  await expect(page.getByText('Remove slack')).toBeVisible();
  await expect(page.getByText(/Make slack read-only/)).toBeVisible();
  await expect(page.getByText(/First seen, owned by rhea@acme.example/)).toBeVisible();

  // The exported view neutralises a formula-looking name.
  const response = await page.request.get(`/api/agents/export?ws=ws-acme-prod&q=${run}-docs`);
  expect(response.headers()['content-disposition']).toMatch(/^attachment/);
  const body = await response.text();
  expect(body).toContain(`${run}-docs,"'=HYPERLINK(""http://evil.example"",""x"")"`);
});

test('filters live in the URL and narrow the table', async ({ page }) => {
  await signInAs(page, 'auditor', '/agents?state=exposed&legs=3');
  await expect(page.getByRole('combobox', { name: 'State', exact: true })).toHaveValue('exposed');
  const table = page.getByRole('region', { name: 'Agents' });
  const states = await table.locator('tbody .state').allTextContents();
  expect(states.length).toBeGreaterThan(0);
  expect(new Set(states)).toEqual(new Set(['Exposed']));
  // Auditors read; they cannot import.
  await expect(page.getByRole('link', { name: 'Import export' })).toHaveCount(0);
  await page.getByRole('combobox', { name: 'State', exact: true }).selectOption('none');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/state=none/);
  await expect(page.getByText(/0 agents match/)).toBeVisible();
});
