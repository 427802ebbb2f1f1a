// Issue 19 item 4: a user creates an API token in Settings → API tokens, sees it once, calls the API with it,
// revokes it and the same call is refused as revoked; the API reference renders every operation of the document.
// Both pages fit 1280 and 1440 px (screenshots in docs/screenshots).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { seriousViolations } from './axe.ts';
import { signInAs } from './fixtures.ts';
import { overflowing } from './layout.ts';

/** No sideways scroll and nothing out of its card at 1280 and 1440 px; `full`: the whole page in the screenshot. */
// The path of the README's curl example.
const README_AGENTS = '/api/v1/agents?ws=ws-acme-prod&limit=2';
async function fits(page: Page, name: string, full = true) {
  for (const width of [1280, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    const sideways = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(sideways, `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
    expect(await overflowing(page), `${name} at ${width} px`).toEqual([]);
    await page.screenshot({ path: `docs/screenshots/${name}-${width}.png`, fullPage: full });
  }
}

test('an auditor creates a token, sees it once, uses it, revokes it, and the API then refuses it', async ({
  page,
  request,
  baseURL,
}) => {
  const label = `SIEM pull ${Date.now()}`;
  await signInAs(page, 'auditor', '/settings/api-tokens');
  await expect(page.getByRole('heading', { name: 'API tokens', level: 1 })).toBeVisible();
  // The nested section is the current one in the navigation, not Settings above it.
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'API tokens' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('link', { name: 'Settings' })).not.toHaveAttribute('aria-current', 'page');
  const form = page.getByRole('form', { name: 'Create an API token' });
  await expect(form.getByLabel('Role').locator('option')).toHaveText(['Auditor']);
  await expect(form.getByLabel('Expires in')).toHaveValue('90');
  await form.getByLabel('Label').fill(label);
  await form.getByLabel('Workspace').selectOption('all');
  await form.getByRole('button', { name: 'Create token' }).click();
  const shown = form.getByLabel(`New API token ${label}`);
  await expect(shown).toHaveText(/^tg_api_[0-9A-Za-z]{46}$/);
  await expect(form.getByText('Copy it now: it is not shown again.')).toBeVisible();
  const token = (await shown.textContent())!;
  await fits(page, 'api-tokens');

  const auth = { authorization: `Bearer ${token}` };
  const listed = await request.get('/api/v1/workspaces', { headers: auth });
  expect(listed.status()).toBe(200);
  expect(((await listed.json()) as { data: { id: string }[] }).data.map((w) => w.id)).toContain('ws-acme-prod');
  // The README's example: a page of the demo workspace's agents, with the rate-limit fields.
  const agents = await request.get(README_AGENTS, { headers: auth });
  expect(agents.status()).toBe(200);
  const page1 = (await agents.json()) as { data: { agent_id: string }[]; next_cursor: string | null };
  expect(page1.data).toHaveLength(2);
  expect(page1.next_cursor).toEqual(expect.any(String));
  expect(agents.headers().ratelimit).toMatch(/^"per-token";r=\d+;t=\d+$/);
  expect(readFileSync('README.md', 'utf8')).toContain(`"http://localhost:3000${README_AGENTS}"`);
  // …and the README's curl line itself, as written there (the e2e server is `npm start` on another port).
  const curl = execFileSync('curl', ['-s', '-H', `Authorization: Bearer ${token}`, `${baseURL}${README_AGENTS}`], {
    encoding: 'utf8',
  });
  expect((JSON.parse(curl) as typeof page1).data.map((a) => a.agent_id)).toEqual(page1.data.map((a) => a.agent_id));

  // After a reload only the prefix remains, now with the call's time.
  await page.reload();
  await expect(page.getByText(token)).toHaveCount(0);
  const row = page.getByRole('row').filter({ hasText: label });
  await expect(row).toContainText(`${token.slice(0, 13)}…`);
  await expect(row).toContainText('all');
  await expect(row).not.toContainText('never');
  await expect(row).toContainText('active');

  await row.getByRole('button', { name: 'Revoke…' }).click();
  const confirm = row.getByRole('form', { name: `Revoke the API token ${label}` });
  await confirm.getByRole('button', { name: 'Revoke now' }).click();
  // The row turns revoked (by whom, when) and loses its Revoke button.
  await expect(row.getByText('revoked', { exact: true })).toBeVisible();
  await expect(row).toContainText('by otto.auditor@demo.tollgate.local');
  await expect(row.getByRole('button', { name: /Revoke/ })).toHaveCount(0);
  const refused = await request.get('/api/v1/workspaces', { headers: auth });
  expect(refused.status()).toBe(401);
  expect(refused.headers()['content-type']).toContain('application/problem+json');
  expect(((await refused.json()) as { type: string }).type).toMatch(/token-revoked$/);
  expect(await seriousViolations(page)).toEqual([]);
});

test('an admin sees the tokens of every user with their owner; another user only their own', async ({
  page,
  browser,
}) => {
  const label = `Nightly posture ${Date.now()}`;
  const reviewer = await browser.newPage();
  await signInAs(reviewer, 'reviewer', '/settings/api-tokens');
  const form = reviewer.getByRole('form', { name: 'Create an API token' });
  await form.getByLabel('Label').fill(label);
  await form.getByLabel('Role').selectOption('reviewer');
  await form.getByRole('button', { name: 'Create token' }).click();
  await expect(form.getByLabel(`New API token ${label}`)).toBeVisible();
  await reviewer.close();

  await signInAs(page, 'admin', '/settings/api-tokens');
  await expect(page.getByRole('heading', { name: 'Every user’s tokens' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Owner' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: label })).toContainText('rhea.reviewer@demo.tollgate.local');

  // Anyone else sees only their own.
  const grc = await browser.newPage();
  await signInAs(grc, 'grc', '/settings/api-tokens');
  await expect(grc.getByRole('heading', { name: 'Your tokens' })).toBeVisible();
  await expect(grc.getByText(label)).toHaveCount(0);
  await grc.close();
});

test('the API reference renders every operation of the OpenAPI document, with no script of its own', async ({
  page,
  request,
}) => {
  const doc = (await (await request.get('/api/v1/openapi.json')).json()) as {
    paths: Record<string, Record<string, { summary: string; 'x-tollgate-permission': string }>>;
  };
  await signInAs(page, 'incident-commander', '/api-docs');
  await expect(page.getByRole('heading', { name: 'API reference', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: '/api/v1/openapi.json' })).toHaveAttribute(
    'href',
    '/api/v1/openapi.json',
  );
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );
  expect(operations.length).toBeGreaterThan(10);
  for (const { path, method, op } of operations) {
    const heading = page.getByRole('heading', { name: `${method} /api/v1${path}`, exact: true });
    await expect(heading, `${method} ${path}`).toBeVisible();
    const section = page.locator('section.api-op').filter({ has: heading });
    await expect(section).toContainText(op.summary);
    await expect(section).toContainText(`Permission: ${op['x-tollgate-permission']}`);
  }
  // A component link lands on its schema.
  await page.locator('a.schema-ref', { hasText: 'Workspace' }).first().click();
  await expect(page).toHaveURL(/#schema-Workspace$/);
  expect(await page.locator('main script').count()).toBe(0);
  // The reference is long: the screenshots show its top and the first operation's tables.
  await page.goto('/api-docs#op-listAgents');
  await fits(page, 'api-reference', false);
  // Every operation is the same component: the page's frame, the contents, one operation and one schema are scanned
  // (the whole page, ~40 operations with their schemas, takes axe longer than the test's budget on 2 cores).
  const parts = ['header', 'nav[aria-label="Operations"]', '#op-listAgents', '.api-schema:first-of-type'];
  expect(await seriousViolations(page, parts)).toEqual([]);
});
