// Response policies in the browser (issue 18 item 5): an admin turns a rule to dry run with a note, sees the version
// in force and in the history; an auditor reads the page but has no form to change it.
import { expect, test } from '@playwright/test';
import { signInAs, useOwnWorkspace } from './fixtures.ts';

test('an admin saves a dry-run rule as a new version; an auditor only reads', async ({ page, browser }) => {
  const run = `rp${Date.now().toString(36)}`;
  await signInAs(page, 'admin', '/settings');
  await useOwnWorkspace(page, run);
  await page.goto('/alerts');
  await page.getByRole('link', { name: 'Response policies →' }).click();
  await expect(page.getByRole('heading', { name: 'In force: every rule off (no version saved yet)' })).toBeVisible();

  const form = page.getByRole('form', { name: 'Response policy' });
  await form.getByRole('group', { name: 'Published without approval → unpublish' }).getByLabel('Dry run').check();
  await form.getByLabel('Why this change').fill('See what it would do first');
  await form.getByRole('button', { name: 'Save a new version' }).click();
  await expect(form.getByRole('status')).toContainText('Response policy saved as version 1. Evaluated now:');
  await page.reload();
  await expect(page.getByRole('heading', { name: /^In force: version 1, saved by / })).toBeVisible();
  const versions = page.getByRole('region', { name: 'Response policy versions' });
  await expect(versions).toContainText('See what it would do first');
  await expect(page.getByText('No rule has decided anything yet.')).toBeVisible();

  const auditor = await browser.newPage();
  await signInAs(auditor, 'auditor', '/alerts/response-policies');
  await expect(auditor.getByRole('heading', { name: 'Response policies' })).toBeVisible();
  await expect(auditor.getByRole('form', { name: 'Response policy' })).toHaveCount(0);
  await auditor.close();
});
