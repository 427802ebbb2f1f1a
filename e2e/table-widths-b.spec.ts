// Issue 16 item 5, second half: the review, posture, roles, suspension and import pages show their lists on the
// shared DataTable, and at 1280, 1440 and 1920 px none of them scrolls sideways or sticks out of its card.
// Folded lists (earlier sign-offs, earlier attestations) are unfolded first, so they are measured too.
import { expect, test, type Page } from '@playwright/test';
import { chooseWorkspace, signInAs, useOwnWorkspace } from './fixtures.ts';
import { overflowing } from './layout.ts';
import { shot } from './shots.ts';

const WIDTHS = [1280, 1440, 1920];

/** Opens every folded section of the page except the tables' column menus. */
async function unfold(page: Page) {
  await page.locator('main details:not(.column-menu)').evaluateAll((all) => {
    for (const d of all) (d as HTMLDetailsElement).open = true;
  });
}

/** Each named list is a DataTable (its scroll box), and the page fits every width. */
async function checkPage(page: Page, name: string, tables: string[]) {
  await unfold(page);
  // The scroll box by its own label: a section headed by the same words is a region too.
  for (const label of tables)
    await expect(page.locator(`[role="region"][aria-label="${label}"]`), `${name}: ${label}`).toHaveClass(
      /data-table-scroll/,
    );
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    const sideways = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(sideways, `${name} at ${width} px scrolls sideways`).toBeLessThanOrEqual(0);
    expect(await overflowing(page), `${name} at ${width} px`).toEqual([]);
  }
  await shot(page, `table-b-${name}`);
}

/** The href of the first link matching `selector` inside the named region. */
async function firstHref(page: Page, region: string, selector: string) {
  const href = await page
    .getByRole('region', { name: region, exact: true })
    .locator(selector)
    .first()
    .getAttribute('href');
  expect(href, `a link in ${region}`).toBeTruthy();
  return href!;
}

test('review, posture, roles and suspension pages fit 1280, 1440 and 1920 px on the shared table', async ({ page }) => {
  test.setTimeout(180_000);
  await signInAs(page, 'admin', '/posture');
  await checkPage(page, 'posture', ['Section scores', 'Controls table']);

  await page.goto('/posture/attestations');
  await checkPage(page, 'posture-attestations', ['Controls assessed by attestation']);

  await page.goto('/reviews/checklist');
  await checkPage(page, 'reviews-checklist', []);

  await page.goto('/reviews/policy');
  await checkPage(page, 'reviews-policy', ['Approval policy table']);

  await page.goto('/reviews/runbook');
  await checkPage(page, 'reviews-runbook', ['Suspensions and drills']);
  // An incident: a drill runs on an agent with no app, so only an incident shows the connectors captured.
  const incident = page
    .getByRole('region', { name: 'Suspensions and drills' })
    .getByRole('row')
    .filter({ hasText: 'incident' })
    .first();
  await page.goto((await incident.locator('a[href^="/suspensions/"]').getAttribute('href'))!);
  await checkPage(page, 'suspension', ['Timings', 'Connectors at suspension']);
  // The total sits in the table's footer, under its steps.
  await expect(
    page
      .getByRole('region', { name: 'Timings', exact: true })
      .locator('tfoot')
      .getByRole('row', { name: /^Total / }),
  ).toBeVisible();

  await page.goto('/reviews/register?show=all');
  await page.goto(await firstHref(page, 'Published register table', 'tbody a[href^="/reviews/"]'));
  await checkPage(page, 'review-approved', ['Decisions table']);
  // A demo agent whose connectors take actions the policy gates.
  await page.goto('/reviews/agent-crm-exporter');
  await checkPage(page, 'review-refused', ['Action map table']);

  await page.goto('/roles');
  // The role matrix stays a plain grid (its columns are data), in its own scroll box.
  await expect(page.locator('[role="region"][aria-label="Agent role matrix"]')).toHaveClass(/table-scroll/);
  await checkPage(page, 'roles', []);

  await page.goto('/roles/members/import');
  await checkPage(page, 'members-import', ['Imports']);
  await page.goto(await firstHref(page, 'Imports', 'tbody a[href^="/roles/members/import/"]'));
  await checkPage(page, 'members-import-committed', []);
});

test('a members import preview lists invalid rows, new and changed members on the shared table', async ({ page }) => {
  test.setTimeout(120_000);
  const run = `tb${Date.now().toString(36)}`;
  const groups = Array.from({ length: 12 }, (_, i) => `${run}-a-rather-long-group-name-${i}`).join(';');
  const upload = async (rows: string[]) => {
    await page.goto('/roles/members/import');
    const csv = ['email,name,role,status,groups,agent_roles', ...rows].join('\r\n');
    await page
      .getByLabel('Members export (CSV)')
      .setInputFiles({ name: `${run}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`${csv}\r\n`) });
    await page.getByLabel(/This is a full export/).uncheck();
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await expect(page.getByRole('heading', { name: 'Import preview' })).toBeVisible();
  };
  await signInAs(page, 'admin', '/settings');
  await useOwnWorkspace(page, `ws-${run}`);

  await upload([
    `${run}-ada@acme.example,Ada ${run},admin,active,${groups},`,
    `${run}-max@acme.example,Max ${run},member,active,agents-run,`,
    `${run}-bad@acme.example,Bad,wizard,active,,`,
  ]);
  await expect(
    page.getByRole('region', { name: 'Invalid rows' }).getByRole('row', { name: /4 .*unknown role "wizard"/ }),
  ).toBeVisible();
  await checkPage(page, 'members-import-new', ['Invalid rows', 'New members']);
  await page.getByLabel(/Skip the 1 invalid row/).check();
  await page.getByRole('button', { name: 'Commit import' }).click();
  await expect(page.getByRole('heading', { name: 'Import committed' })).toBeVisible();

  await upload([`${run}-max@acme.example,Max ${run},member,deactivated,agents-run,`]);
  await expect(
    page.getByRole('region', { name: 'Changed members' }).getByRole('row', { name: new RegExp(`${run}-max`) }),
  ).toContainText('status: active → deactivated');
  await checkPage(page, 'members-import-changed', ['Changed members']);
});

test('earlier sign-offs and earlier attestations unfold into the shared table, within their cards', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const run = `te${Date.now().toString(36)}`;
  await signInAs(page, 'admin', '/settings');
  await useOwnWorkspace(page, `ws-${run}`);
  for (const n of [1, 2]) {
    // A fresh page each time, so the first sign-off's "signed" message cannot answer for the second.
    await page.goto('/reviews/checklist');
    const form = page.getByRole('form', { name: /^Sign step 1:/ });
    await form.getByLabel('Note').fill(`Sign-off ${n} of ${run}, with a note long enough to wrap in its cell.`);
    await form.getByLabel('Evidence link (https only)').fill(`https://grc.acme.example/${run}/step-1/${n}`);
    await form.getByRole('button', { name: 'Sign step 1' }).click();
    await expect(form.getByRole('status')).toHaveText('Step 1 signed.');
  }
  await page.goto('/reviews/checklist');
  await checkPage(page, 'checklist-earlier', ['Earlier sign-offs of step 1']);
  await expect(page.getByRole('region', { name: 'Earlier sign-offs of step 1' }).getByRole('row')).toHaveCount(2);

  // Attesting is GRC's: a second browser of GRC's, in the same workspace.
  const grc = await (await browser.newContext({ baseURL })).newPage();
  await signInAs(grc, 'grc', '/posture/attestations');
  await chooseWorkspace(grc, `ws-${run}`);
  for (const again of ['', ' again']) {
    await grc.goto('/posture/attestations');
    await grc.getByText(`Attest control 1.1${again}`, { exact: true }).click();
    const form = grc.getByRole('form', { name: /^Attest control 1\.1:/ });
    await form.getByLabel(/^Statement/).fill(`SSO enforced, checked for ${run}${again}.`);
    await form.getByLabel('Evidence link (https only)').fill(`https://grc.acme.example/${run}/1.1`);
    await form.getByRole('button', { name: 'Attest 1.1' }).click();
    await expect(form.getByRole('status')).toHaveText('Control 1.1 attested.');
  }
  await grc.goto('/posture/attestations');
  await checkPage(grc, 'attestations-earlier', ['Earlier attestations of control 1.1']);
  await grc.context().close();
});

test('the posture controls sort on the server from the header link, empty scores last', async ({ page }) => {
  await signInAs(page, 'ciso', '/posture');
  const table = page.getByRole('region', { name: 'Controls table' });
  await table.getByRole('link', { name: 'Score' }).click();
  await expect(page).toHaveURL(/sort=score&dir=asc/);
  await expect(table.getByRole('columnheader', { name: 'Score ▲' })).toHaveAttribute('aria-sort', 'ascending');
  const scores = (await table.locator('tbody td:nth-child(4)').allInnerTexts()).map((t) => t.trim());
  const numbers = scores.filter((s) => s !== '—').map(Number);
  expect(numbers.length).toBeGreaterThan(1);
  expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  // A control with no score (not applicable) comes after every scored one.
  expect(scores.slice(numbers.length).every((s) => s === '—')).toBe(true);
});

test('the runbook exports its suspensions and drills as CSV with the columns shown', async ({ page }) => {
  await signInAs(page, 'reviewer', '/reviews/runbook');
  const region = page.locator('.data-table', { has: page.getByRole('region', { name: 'Suspensions and drills' }) });
  const download = page.waitForEvent('download');
  await region.getByRole('button', { name: 'Download this view (CSV)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('suspensions-and-drills.csv');
  const text = await (await import('node:fs/promises')).readFile((await file.path())!, 'utf8');
  const [header, ...rows] = text.trim().split('\r\n');
  expect(header).toBe('Triggered (UTC),Agent,Kind,By,State,Total,15 min,Restore worked');
  expect(rows.some((r) => r.includes(',drill,'))).toBe(true);
});
