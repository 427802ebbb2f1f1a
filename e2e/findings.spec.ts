// Findings in the browser: a members import opens 1.4 / 6.1 findings; a reviewer assigns one; an auditor only reads.
import { expect, test, type Browser } from '@playwright/test';
import { signInAs, useOwnWorkspace, type DEMO } from './fixtures.ts';

async function pageAs(browser: Browser, baseURL: string, who: keyof typeof DEMO, path: string, workspace: string) {
  const context = await browser.newContext({ baseURL });
  await context.addCookies([{ name: 'tollgate_ws', value: workspace, url: baseURL }]);
  const page = await context.newPage();
  await signInAs(page, who, path);
  return page;
}

test('a members import opens findings; a reviewer sets an owner and due date; an auditor only reads', async ({
  page,
  browser,
  baseURL,
}) => {
  const run = `f${Date.now().toString(36)}`;
  const csv = [
    'email,name,role,status,groups,agent_roles',
    `${run}-adm@acme.example,Adm ${run},admin,active,,`,
    `${run}-dir@acme.example,Dir ${run},member,active,,agents-build`,
  ].join('\n');
  await signInAs(page, 'admin', '/settings');
  await useOwnWorkspace(page, `ws-${run}`);
  await page.goto('/roles/members/import');
  await page
    .getByLabel('Members export (CSV)')
    .setInputFiles({ name: `${run}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`${csv}\n`) });
  await page.getByLabel(/This is a full export/).uncheck();
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await page.getByRole('button', { name: 'Commit import' }).click();
  await expect(page.getByRole('heading', { name: 'Import committed' })).toBeVisible();

  const reviewer = await pageAs(browser, baseURL!, 'reviewer', `/findings?q=${run}`, `ws-${run}`);
  const table = reviewer.getByRole('table', { name: 'Findings' });
  await expect(table.getByRole('row')).toHaveCount(4); // header + attestation, direct assignment, unmapped privileges
  const attestation = table.getByRole('row', { name: new RegExp(`${run}-adm@acme.example`) });
  await expect(attestation).toContainText('1.4');
  await expect(attestation).toContainText('has never been re-attested');
  await expect(attestation).toContainText('Unassigned');
  await expect(attestation.getByText('Open', { exact: true })).toBeVisible();
  await expect(attestation.getByRole('link', { name: `${run}-adm@acme.example` })).toHaveAttribute(
    'href',
    `/roles/members?q=${encodeURIComponent(`${run}-adm@acme.example`)}&status=any`,
  );

  await attestation.getByRole('link', { name: 'Re-attestation overdue' }).click();
  await reviewer.waitForURL(/\/findings\/[^/]+$/);
  const findingUrl = new URL(reviewer.url()).pathname;
  await expect(reviewer.getByRole('link', { name: 'Request an exception' })).toHaveAttribute(
    'href',
    `/exceptions/new?finding=${encodeURIComponent(`attestation-overdue:${run}-adm@acme.example`)}`,
  );
  const form = reviewer.getByRole('form', { name: 'Owner and due date' });
  await form.getByLabel('Owner').fill(`owner-${run}@acme.example`);
  await form.getByLabel('Due (UTC day)').fill('2031-01-15');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText(`Saved: owner-${run}@acme.example, due 2031-01-15.`);
  await reviewer.reload();
  await expect(reviewer.getByRole('region', { name: 'History' })).toContainText(
    `Owner: Unassigned → owner-${run}@acme.example`,
  );

  await reviewer.goto(`/findings?q=${run}&owner=${encodeURIComponent(`owner-${run}@acme.example`)}`);
  await expect(reviewer.getByRole('table', { name: 'Findings' }).getByRole('row')).toHaveCount(2);
  await expect(reviewer.getByRole('table', { name: 'Findings' })).toContainText('2031-01-15');

  const auditor = await pageAs(browser, baseURL!, 'auditor', findingUrl, `ws-${run}`);
  await expect(auditor.getByRole('heading', { level: 1 })).toContainText(`${run}-adm@acme.example`);
  await expect(auditor.getByText(`owner-${run}@acme.example`, { exact: true })).toBeVisible();
  await expect(auditor.getByRole('form', { name: 'Owner and due date' })).toHaveCount(0);
  await expect(auditor.getByRole('link', { name: 'Request an exception' })).toHaveCount(0);
});
