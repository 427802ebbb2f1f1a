// Issue 16 item 5: every list page on the shared DataTable fits its width. At 1280, 1440 and 1920 px the page
// never scrolls sideways, and no element sticks out of its card (a wide table scrolls inside its own box).
import { expect, test } from '@playwright/test';
import { signInAs } from './fixtures.ts';
import { overflowing, plantedOverflow } from './layout.ts';
import { shot } from './shots.ts';

const PAGES = [
  '/agents',
  '/findings?status=all',
  '/alerts?status=all',
  '/exceptions',
  '/reviews',
  '/reviews/register?show=all',
  '/audit',
  '/roles/members',
  '/posture/attestations',
];
const WIDTHS = [1280, 1440, 1920];

test('list pages fit 1280, 1440 and 1920 px without sideways scrolling', async ({ page }) => {
  test.setTimeout(120_000);
  await signInAs(page, 'admin', '/agents');
  for (const path of PAGES) {
    await page.goto(path);
    await expect(
      page
        .getByRole('region')
        .filter({ has: page.getByRole('table') })
        .first(),
    ).toBeVisible();
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      const sideways = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(sideways, `${path} at ${width} px scrolls sideways`).toBeLessThanOrEqual(0);
      expect(await overflowing(page), `${path} at ${width} px`).toEqual([]);
    }
    await shot(page, `table-${path.slice(1).split('?')[0]!.replaceAll('/', '-')}`);
  }
});

test('a hidden column, a sort and a page live on: the table follows the URL and remembers columns', async ({
  page,
}) => {
  await signInAs(page, 'admin', '/agents?sort=name&dir=asc&size=25');
  const table = page.getByRole('region', { name: 'Agents' });
  await expect(table.getByRole('columnheader', { name: /Agent ▲/ })).toHaveAttribute('aria-sort', 'ascending');
  await table.getByRole('link', { name: /^Agent/ }).click();
  await expect(page).toHaveURL(/sort=name&dir=desc/);
  await expect(table.getByRole('columnheader', { name: /Agent ▼/ })).toBeVisible();
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Next →' }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByText(/page 2 of/)).toBeVisible();
  await page.getByText('Columns', { exact: true }).click();
  await page.getByRole('checkbox', { name: 'Apps' }).uncheck();
  await expect(table.getByRole('columnheader', { name: 'Apps' })).toHaveCount(0);
  await page.reload();
  await expect(table.getByRole('columnheader', { name: 'Owner' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Apps' })).toHaveCount(0);
});

test('the CSV of the current view has the visible columns and formula-safe cells', async ({ page }) => {
  await signInAs(page, 'admin', '/findings?status=all');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download this view (CSV)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('findings.csv');
  const text = await (await import('node:fs/promises')).readFile((await file.path())!, 'utf8');
  const [header, ...rows] = text.trim().split('\r\n');
  expect(header).toBe('Control,Subject,Finding,Owner,Due,Status');
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((r) => !/(^|,)[=+\-@]/.test(r))).toBe(true);
});

test('the width check itself notices an element wider than its card and a page that scrolls sideways', async ({
  page,
}) => {
  await signInAs(page, 'admin', '/findings?status=all');
  await page.setViewportSize({ width: 1280, height: 900 });
  const { sideways, found } = await plantedOverflow(page);
  expect(sideways).toBeGreaterThan(0);
  expect(found.some((line) => line.startsWith('div#too-wide'))).toBe(true);
});

test('server-sorted pages follow the header link: findings by due date, queue by owner, register by agent', async ({
  page,
}) => {
  const cells = async (region: string, column: number) =>
    page
      .getByRole('region', { name: region })
      .locator(`tbody tr:not(.data-table-subrow) td:nth-child(${column})`)
      .allInnerTexts();
  await signInAs(page, 'admin', '/findings?status=all&sort=due&dir=desc');
  await expect(page.getByRole('columnheader', { name: 'Due ▼' })).toHaveAttribute('aria-sort', 'descending');
  const due = (await cells('Findings table', 5)).map((t) => t.slice(0, 10));
  expect(due.length).toBeGreaterThan(1);
  expect(due).toEqual([...due].sort().reverse());

  await page.goto('/reviews');
  await page.getByRole('region', { name: 'Review queue table' }).getByRole('link', { name: 'Owner' }).click();
  await expect(page).toHaveURL(/sort=owner&dir=asc/);
  const owners = await cells('Review queue table', 3); // after Agent and Kind
  expect(owners).toEqual([...owners].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true })));

  await page.goto('/reviews/register?show=all&sort=agent&dir=desc');
  await expect(page.getByRole('columnheader', { name: 'Agent ▼' })).toBeVisible();
  await page.goto('/exceptions?sort=review&dir=asc');
  await expect(
    page.getByRole('region', { name: 'Exceptions in force' }).getByRole('columnheader', { name: 'Review date ▲' }),
  ).toBeVisible();
});
