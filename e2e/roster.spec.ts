// The roster in the browser: import a members export through the UI, then re-attest an admin (1.4).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signInAs, useOwnWorkspace } from './fixtures.ts';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('an admin imports a members export, skips an invalid row, and re-attests an admin', async ({ page }) => {
  test.setTimeout(90_000); // two accessibility scans on a shared 2-core machine
  const run = `e2e${Date.now().toString(36)}`;
  // Few side effects on the shared demo workspace's findings: no direct agent roles, no mapped admin group.
  const csv = [
    'email,name,role,status,groups,agent_roles',
    `${run}-ada@acme.example,"Ada, ${run}",Administrator,Active,${run}-admins;${run}-ops,`,
    `${run}-max@acme.example,Max ${run},member,active,agents-run,`,
    `${run}-bad@acme.example,Bad,wizard,active,,`,
  ].join('\r\n');

  await signInAs(page, 'admin', '/settings');
  await useOwnWorkspace(page, `ws-${run}`);
  await page.goto('/roles/members/import');
  await page
    .getByLabel('Members export (CSV)')
    .setInputFiles({ name: `${run}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${csv}\r\n`) });
  // A partial export: the demo workspace's other members must not be marked removed by this test.
  await page.getByLabel(/This is a full export/).uncheck();
  await page.getByRole('button', { name: 'Upload and preview' }).click();

  await expect(page.getByRole('heading', { name: 'Import preview' })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Invalid rows' }).getByRole('row', { name: /4 .*unknown role "wizard"/ }),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: 'New members' }).getByRole('row')).toHaveCount(3);
  const commit = page.getByRole('button', { name: 'Commit import' });
  await expect(commit).toBeDisabled();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByLabel(/Skip the 1 invalid row/).check();
  await commit.click();
  await expect(page.getByRole('heading', { name: 'Import committed' })).toBeVisible();

  await page.goto(`/roles/members?q=${run}`);
  await expect(page.getByText('2 members match')).toBeVisible();
  const table = page.getByRole('region', { name: 'Members' });
  const ada = table.getByRole('row', { name: new RegExp(`${run}-ada@acme.example`) });
  await expect(ada).toContainText('admin');
  await expect(ada).toContainText(`${run}-admins`);
  await expect(ada).toContainText('never');
  await expect(table.getByRole('row', { name: new RegExp(`${run}-max@acme.example`) })).toContainText('agents-run');
  expect(await seriousViolations(page)).toEqual([]);

  await ada.getByRole('button', { name: `Re-attest ${run}-ada@acme.example` }).click();
  await expect(ada).toContainText('0 days ago');
  await expect(ada).toContainText(/by .+/);
  await page.goto(`/roles/members?q=${run}&show=overdue`);
  await expect(page.getByText('0 members match')).toBeVisible();
});

test('an auditor reads the roster but can neither import nor re-attest', async ({ page }) => {
  await signInAs(page, 'auditor', '/roles/members');
  await expect(page.getByRole('navigation', { name: 'Roles' }).getByRole('link', { name: 'Members' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expect(page.getByRole('link', { name: 'Import members export' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Re-attest/ })).toHaveCount(0);
  await page.goto('/roles/members/import');
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
});
