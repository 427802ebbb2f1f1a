// Issue 15, item 20: "Not allowed" answers 403; Settings pages its sessions newest first; the roster shows
// active members by default; "Recently produced" lists a pack as soon as it is ready; the trend charts
// have titles and a colour per series.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import pg from 'pg';
import { signInAs } from './fixtures.ts';

const PORT = Number(process.env.E2E_PORT ?? 3210);
const SHOTS = '.test-data/uib-shots';

async function shoot(page: Page, name: string) {
  for (const width of [1280, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
}

/** The e2e server's database: its data dir holds the password and the running server's port. */
function databaseUrl(): string {
  const dir = path.resolve('.test-data', `e2e-${PORT}`);
  const { pgPassword } = JSON.parse(readFileSync(path.join(dir, 'secrets.json'), 'utf8')) as { pgPassword: string };
  const pgPort = readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8')
    .split('\n')[3]!
    .trim();
  return `postgresql://postgres:${encodeURIComponent(pgPassword)}@127.0.0.1:${pgPort}/tollgate`;
}

test('a page the role does not include answers HTTP 403 and says Not allowed', async ({ page }) => {
  await signInAs(page, 'incident-commander', '/agents');
  const response = await page.goto('/settings');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  expect((await page.request.get('/audit')).status()).toBe(403);
  expect((await page.request.get('/agents')).status()).toBe(200);
  await shoot(page, 'not-allowed');
});

test('Settings lists active sessions a page at a time, newest first', async ({ page }) => {
  // Old sign-ins of a user of this test's own: enough for more than one page whatever else is signed in.
  const run = `sess${Date.now().toString(36)}`;
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      'INSERT INTO "User" (id, email, name) VALUES ($1, $2, $3) RETURNING id',
      [randomUUID(), `${run}@acme.example`, `Sessions ${run}`],
    );
    for (let i = 0; i < 25; i++) {
      await client.query(
        'INSERT INTO "Session" (id, "tokenHash", "userId", expires, "createdAt") VALUES ($1, $2, $3, $4, $5)',
        [
          randomUUID(),
          randomUUID(),
          rows[0]!.id,
          new Date(Date.now() + 86_400_000),
          new Date(Date.now() - (2 * 86_400_000 + i * 60_000)),
        ],
      );
    }
  } finally {
    await client.end();
  }

  await signInAs(page, 'admin', '/settings');
  const table = page.getByRole('table', { name: 'Active sessions' });
  const signedIn = async () =>
    (await table.locator('tbody tr td:nth-child(2)').allTextContents()).map((t) =>
      Date.parse(t.replace(' UTC', 'Z').replace(' ', 'T')),
    );
  await expect(table.locator('tbody tr')).toHaveCount(20);
  const first = await signedIn();
  expect(first).toEqual([...first].sort((a, b) => b - a));
  await expect(page.getByText(/\d+ active, newest first\./)).toBeVisible();
  await shoot(page, 'settings-sessions');

  await page.getByRole('link', { name: 'Older sessions' }).click();
  await expect(page).toHaveURL(/sessionsBefore=/);
  const second = await signedIn();
  expect(second.length).toBeGreaterThan(0);
  expect(Math.max(...second)).toBeLessThanOrEqual(Math.min(...first));
  await expect(page.getByRole('link', { name: 'Newest sessions' })).toBeVisible();
});

test('Roles → Members shows active members unless asked for another status', async ({ page }) => {
  await signInAs(page, 'auditor', '/roles/members');
  await expect(page.getByLabel('Status')).toHaveValue('active');
  const table = page.getByRole('region', { name: 'Members' });
  await expect(table.getByRole('row', { name: /owen\.price@acme\.example/ })).toHaveCount(0);
  await shoot(page, 'roster-active');
  await page.getByLabel('Status').selectOption('any');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/status=any/);
  await expect(table.getByRole('row', { name: /owen\.price@acme\.example/ })).toContainText(/deactivated/i);
});

test('Recently produced lists a pack as soon as it is ready, without reloading', async ({ page }) => {
  await signInAs(page, 'grc', '/evidence');
  const form = page.getByRole('form', { name: 'Evidence pack' });
  const download = page.waitForEvent('download');
  await form.getByRole('button', { name: 'Generate pack' }).click();
  await download;
  const ready = form.getByRole('status');
  await expect(ready).toContainText('Pack ready');
  const manifest = (await ready.locator('code.hash').textContent())!.trim();
  expect(manifest).toMatch(/^[0-9a-f]{64}$/);
  await expect(page.getByRole('region', { name: 'Recently produced' })).toContainText(manifest);
  await shoot(page, 'evidence-recent');
});

test('each trend chart has a title and a colour of its own per series', async ({ page }) => {
  await signInAs(page, 'ciso', '/');
  for (const title of [
    'Posture score, overall and by section (0–100)',
    'Trifecta agents, open alerts and expiring exceptions',
  ]) {
    const chart = page.getByRole('figure', { name: title });
    await expect(chart).toBeVisible();
    const lines = chart.locator('path.recharts-line-curve');
    await expect(lines.first()).toBeVisible();
    const strokes = await lines.evaluateAll((paths) => paths.map((p) => p.getAttribute('stroke')));
    expect(strokes.length).toBeGreaterThan(1);
    expect(new Set(strokes).size).toBe(strokes.length);
  }
  await shoot(page, 'overview-trends');
});
