// Issue 16 item 5, area A: the agent, alert, log source, app, evidence and exception pages whose tables moved
// onto the shared DataTable fit 1280, 1440 and 1920 px. The page never scrolls sideways and no element sticks
// out of its card. Detail pages open from links of the demo data. Import previews and quarantined lines come
// from uploads of the spec's own.
import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import { signInAs } from './fixtures.ts';
import { overflowing } from './layout.ts';
import { shot } from './shots.ts';

const WIDTHS = [1280, 1440, 1920];

/** At each width: no sideways scroll and nothing wider than its card. Then screenshots at 1280 and 1440. */
async function fitsEveryWidth(page: Page, name: string) {
  const path = new URL(page.url()).pathname;
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
    expect(sideways, `${path} at ${width} px scrolls sideways: ${await pastTheEdge(page)}`).toBeLessThanOrEqual(0);
    expect(await overflowing(page), `${path} at ${width} px`).toEqual([]);
  }
  await shot(page, `table-a-${name}`);
}

/** The innermost elements reaching past the right edge of the viewport, to say what widens the page. */
async function pastTheEdge(page: Page): Promise<string> {
  return page.evaluate(() => {
    const edge = document.documentElement.clientWidth;
    const past = [...document.body.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > edge + 1);
    const innermost = past.filter((el) => !past.some((other) => other !== el && el.contains(other)));
    return innermost
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).trim().split(/\s+/).join('.')}`)
      .join(', ');
  });
}

/** The href of the first link of the main column whose target matches `pattern`. */
async function firstHref(page: Page, pattern: RegExp): Promise<string> {
  const hrefs = await page
    .locator('main')
    .getByRole('link')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  const href = hrefs.find((h) => pattern.test(h));
  expect(href, `a link to ${pattern} on ${page.url()}`).toBeTruthy();
  return href!;
}

test('agent, alert, log source, app and exception pages fit 1280, 1440 and 1920 px', async ({ page }) => {
  test.setTimeout(180_000);
  await signInAs(page, 'admin', '/agents');
  const agent = await firstHref(page, /^\/agents\/(?!import)[^/?#]+$/);
  await page.goto('/alerts?status=all');
  const alert = await firstHref(page, /^\/alerts\/(?!sources|rules)[^/?#]+$/);
  await page.goto('/exceptions');
  const exception = await firstHref(page, /^\/exceptions\/(?!new)[^/?#]+$/);

  const pages: [string, string][] = [
    ['/agents/import', 'imports'],
    [agent, 'agent'],
    [alert, 'alert'],
    ['/alerts/sources', 'log-sources'],
    ['/apps', 'apps'],
    ['/apps/action-control', 'action-control'],
    [exception, 'exception'],
  ];
  for (const [path, name] of pages) {
    await page.goto(path);
    await fitsEveryWidth(page, name);
  }
});

test('the matrix names each row by its app, and the catalogue keeps its edit column for screen readers', async ({
  page,
}) => {
  await signInAs(page, 'admin', '/apps/action-control');
  const matrix = page.getByRole('region', { name: 'Action control matrix' });
  await expect(matrix.getByRole('rowheader', { name: /Gmail/ })).toBeVisible();
  await page.goto('/apps');
  const catalogue = page.getByRole('region', { name: 'App catalogue' });
  await expect(catalogue.getByRole('columnheader', { name: 'Edit' })).toHaveCount(1);
  await expect(catalogue.getByRole('columnheader', { name: 'Edit' }).locator('.visually-hidden')).toHaveCount(1);
  await expect(catalogue.getByRole('row', { name: /Gmail/ }).getByRole('button', { name: 'Remove' })).toBeVisible();
});

test('an import preview fits every width and its invalid rows download as CSV', async ({ page }) => {
  test.setTimeout(90_000);
  const run = `wa${Date.now().toString(36)}`;
  const csv = [
    'agent_id,agent_name,owner_email,connected_apps',
    `${run}-new,New ${run},rhea@acme.example,"Notion; web search; Slack; Google Drive; GitHub"`,
    `${run}-bad,Broken owner,not-an-email,Slack`,
  ].join('\n');
  await signInAs(page, 'reviewer', '/agents/import');
  await page
    .getByLabel('Agent export (CSV)')
    .setInputFiles({ name: `${run}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`${csv}\n`) });
  // A partial export: the demo workspace's other agents are not marked missing.
  await page.getByLabel(/This is a full export/).uncheck();
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page.getByRole('heading', { name: 'Import preview' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'New agents' }).getByRole('row', { name: /New wa/ })).toBeVisible();
  await fitsEveryWidth(page, 'import-preview');

  const invalid = page.locator('section[aria-labelledby="errors-title"]');
  const download = page.waitForEvent('download');
  await invalid.getByRole('button', { name: 'Download this view (CSV)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^import-.+-invalid-rows\.csv$/);
  const [header, ...rows] = (await readFile((await file.path())!, 'utf8')).trim().split('\r\n');
  expect(header).toBe('Line,agent_id,Reason');
  expect(rows).toEqual([expect.stringMatching(new RegExp(`^3,${run}-bad,.*not-an-email`))]);
});

test('quarantined lines of an uploaded log file fit every width', async ({ page }) => {
  const run = `wa${Date.now().toString(36)}`;
  await signInAs(page, 'reviewer', '/alerts/sources');
  await page.getByLabel(/^Compliance Logs files \(/).setInputFiles({
    name: `${run}.jsonl`,
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(`this line is not json ${'x'.repeat(400)}\n`),
  });
  await page.getByRole('button', { name: 'Upload and store', exact: true }).click();
  const files = page.getByRole('region', { name: 'Files ingested table' });
  await files
    .getByRole('row', { name: new RegExp(`${run}\\.jsonl`) })
    .getByRole('link', { name: '1' })
    .click();
  await expect(page.getByRole('heading', { name: `Quarantined lines of ${run}.jsonl` })).toBeVisible();
  await fitsEveryWidth(page, 'quarantined-lines');
});

test('the Evidence page with a pack produced fits every width', async ({ page }) => {
  test.setTimeout(120_000);
  await signInAs(page, 'grc', '/evidence');
  const form = page.getByRole('form', { name: 'Evidence pack' });
  const download = page.waitForEvent('download');
  await form.getByRole('button', { name: 'Generate pack' }).click();
  await download;
  await page.reload();
  await expect(page.getByRole('region', { name: 'Packs and exports' }).getByRole('row')).not.toHaveCount(0);
  await fitsEveryWidth(page, 'evidence');
});
