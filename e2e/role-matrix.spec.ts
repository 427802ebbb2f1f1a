// The role matrix and action control in the browser, each test in a workspace of its own (unique names):
// a live roles export uploaded as observed shows its departures side by side; a malformed pack names its line
// and column; granting a high-risk bit in the baseline asks for confirmation; an action-control export round-trips.
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import pg from 'pg';
import { signInAs } from './fixtures.ts';

const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE = `http://localhost:${PORT}`;
const SHIPPED_ROLES = readFileSync('lib/packs/fixtures/hth-chatgpt-enterprise-6.01-rbac-roles.jsonc');

function databaseUrl(): string {
  const dir = path.resolve('.test-data', `e2e-${PORT}`);
  const { pgPassword } = JSON.parse(readFileSync(path.join(dir, 'secrets.json'), 'utf8')) as { pgPassword: string };
  const pgPort = readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8')
    .split('\n')[3]!
    .trim();
  return `postgresql://postgres:${encodeURIComponent(pgPassword)}@127.0.0.1:${pgPort}/tollgate`;
}

async function freshWorkspace(page: Page, prefix: string) {
  const run = `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    await client.query('INSERT INTO "Workspace" (id, name, kind) VALUES ($1, $2, $3)', [
      `ws-${run}`,
      `Roles ${run}`,
      'workspace',
    ]);
  } finally {
    await client.end();
  }
  await page.context().addCookies([{ name: 'tollgate_ws', value: `ws-${run}`, url: BASE }]);
  return `ws-${run}`;
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('observed roles: departures side by side; a bad pack names line and column; high-risk edit confirmed', async ({
  page,
}) => {
  await freshWorkspace(page, 'roles');
  await signInAs(page, 'admin', '/roles');
  await expect(page.getByText(/the guide’s default .* not edited yet/)).toBeVisible();

  // A pack with a syntax error: nothing imported, the message names the line and column.
  await page.getByLabel(/^Pack file/).setInputFiles({
    name: 'broken.jsonc',
    mimeType: 'application/json',
    buffer: Buffer.from('{\n  "roles": [\n    { "name": "agents-run" "features": {} }\n  ]\n}'),
  });
  await page.getByRole('button', { name: 'Import pack' }).click();
  await expect(page.locator('p[role=alert]')).toHaveText(
    'broken.jsonc: line 3, column 28: a comma is expected. Nothing was imported.',
  );
  await expect(page.getByText('not imported yet')).toBeVisible();

  // The shipped pack as a live export: Slack bot on for run and build departs from the baseline.
  await page
    .getByLabel(/^Pack file/)
    .setInputFiles({ name: 'live.jsonc', mimeType: 'application/json', buffer: SHIPPED_ROLES });
  await page.getByRole('button', { name: 'Import pack' }).click();
  await expect(page.getByRole('status')).toContainText(
    'Departs from the guide’s default baseline: agents-run: enable_slack_bot enabled (default baseline: disabled)',
  );
  const departures = page
    .getByRole('region', { name: /Observed vs approved/ })
    .or(page.locator('section', { has: page.getByRole('heading', { name: /Observed vs approved/ }) }));
  await expect(departures.getByText('agents-run: enable_slack_bot enabled (baseline: disabled)')).toBeVisible();
  await expect(departures.getByRole('heading')).toHaveText('Observed vs approved (2)');
  await expect(page.getByRole('region', { name: 'Agent role matrix' }).getByText('differs')).toHaveCount(2);
  expect(await seriousViolations(page)).toEqual([]);

  // Approving the Slack bot for agents-run in the baseline asks for confirmation, then the departure is gone.
  await page.goto('/roles?edit=agents-run#editor');
  await page.getByRole('checkbox', { name: /Slack bot/ }).check();
  const confirm = page.getByRole('checkbox', { name: /I confirm these high-risk grants/ });
  await expect(confirm).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await confirm.check();
  await page.getByRole('button', { name: 'Save baseline role' }).click();
  await expect(page.getByRole('status')).toHaveText('Baseline role agents-run saved.');
  await page.goto('/roles');
  await expect(departures.getByRole('heading')).toHaveText('Observed vs approved (1)');
  await expect(page.getByText(/Approved:.*edited .* by/)).toBeVisible();
});

test('action control: an observed export shows its departures and exports back in the 6.02 form', async ({ page }) => {
  await freshWorkspace(page, 'actl');
  await signInAs(page, 'admin', '/apps/action-control');
  const live = {
    apps: {
      gmail: { enabled: true, action_control: 'allow_all', new_actions_default: 'allow' },
      web_search: { enabled: true, action_control: 'read_only' },
    },
  };
  await page
    .getByLabel(/^Pack file/)
    .setInputFiles({ name: 'apps.jsonc', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(live)) });
  await page.getByRole('button', { name: 'Import pack' }).click();
  await expect(page.getByRole('status')).toContainText('as the observed');
  await expect(page.getByText('gmail: mode allow_all (baseline: read_only)')).toBeVisible();
  await expect(page.getByText('web_search is not in the baseline (enabled, read_only)')).toBeVisible();
  const webSearch = page.getByRole('row', { name: /Web Search/ });
  await expect(webSearch.getByText('no', { exact: true })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export observed' }).click();
  const file = readFileSync(await (await download).path(), 'utf8');
  expect(file).toContain('"web_search": {');
  expect(file).toContain('"action_control": "allow_all"');
});

test('a reviewer reads the matrices but gets no edit or import controls', async ({ page }) => {
  await freshWorkspace(page, 'rview');
  await signInAs(page, 'reviewer', '/roles');
  await expect(page.getByRole('rowheader', { name: /agents-admin/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import pack' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);
  await page.goto('/apps/action-control');
  await expect(page.getByRole('link', { name: 'Export baseline (6.02 pack)' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import pack' })).toHaveCount(0);
});
