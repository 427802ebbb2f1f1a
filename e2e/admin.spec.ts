import { expect, test } from '@playwright/test';
// Sessions are revoked and listed here: each test signs in afresh (not a worker's kept session).
import { signInFresh as signInAs } from './fixtures.ts';

test('an admin revokes another user’s session, which signs that browser out', async ({ browser }) => {
  const reviewer = await browser.newPage();
  await signInAs(reviewer, 'reviewer', '/');
  await expect(reviewer.getByRole('heading', { name: 'Overview' })).toBeVisible();

  const admin = await browser.newPage();
  await signInAs(admin, 'admin', '/settings');
  // Sessions are listed newest first (a page at a time): the first reviewer row is the one this test opened.
  const rows = admin.getByRole('row').filter({ hasText: 'rhea.reviewer@demo.tollgate.local' });
  await rows.first().getByRole('button', { name: 'Revoke' }).click();
  // The revoked row leaves the list (and its message with it): wait for the reviewer's browser to be signed out.
  await expect
    .poll(async () => {
      await reviewer.goto('/audit');
      return new URL(reviewer.url()).pathname;
    })
    .toBe('/sign-in');

  await admin.goto('/audit?action=session.revoke');
  await expect(admin.getByRole('table')).toContainText('session.revoke');
  await expect(admin.getByRole('table')).toContainText('ada.admin@demo.tollgate.local');
});

test('an admin adds a workspace; the change is audited and a bad id is refused with its reason', async ({ page }) => {
  await signInAs(page, 'admin', '/settings');
  const form = page.getByRole('form', { name: 'Add a workspace' });
  const id = `ws-e2e-${Date.now().toString(36)}`;
  await form.getByLabel('Id').fill(id);
  await form.getByLabel('Name').fill('E2E Workspace');
  await form.getByRole('button', { name: 'Add workspace' }).click();
  await expect(form.getByRole('status')).toContainText('Workspace E2E Workspace added');
  await expect(page.getByRole('cell', { name: id })).toBeVisible();

  await form.getByLabel('Id').fill(id);
  await form.getByLabel('Name').fill('Duplicate');
  await form.getByRole('button', { name: 'Add workspace' }).click();
  await expect(form.getByRole('alert')).toContainText(`A workspace with id ${id} already exists`);

  await page.goto(`/audit?action=workspace.create&target=${id}`);
  await expect(page.getByText('1 matching event')).toBeVisible();
});
