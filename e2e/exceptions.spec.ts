// CAB exceptions in the browser: a reviewer requests an exception for an open finding, a CISO approves
// it, and the finding shows as excepted. The test seeds its own workspace (unique names) straight into
// the e2e server's embedded PostgreSQL: Slack observed with allow_all, and the finding that causes.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import pg from 'pg';
import { signInAs } from './fixtures.ts';

const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE = `http://localhost:${PORT}`;

/** The e2e server's database: its data dir holds the password and the running server's port. */
function databaseUrl(): string {
  const dir = path.resolve('.test-data', `e2e-${PORT}`);
  const { pgPassword } = JSON.parse(readFileSync(path.join(dir, 'secrets.json'), 'utf8')) as { pgPassword: string };
  const pgPort = readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8')
    .split('\n')[3]!
    .trim();
  return `postgresql://postgres:${encodeURIComponent(pgPassword)}@127.0.0.1:${pgPort}/tollgate`;
}

async function seedWorkspace(run: string) {
  const ws = `ws-${run}`;
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    const now = new Date();
    await client.query('INSERT INTO "Workspace" (id, name, kind) VALUES ($1, $2, $3)', [
      ws,
      `Exceptions ${run}`,
      'workspace',
    ]);
    await client.query(
      `INSERT INTO "ActionControl" (id, "workspaceId", side, "appId", enabled, mode, "updatedBy")
       VALUES ($1, $2, 'observed', 'slack', true, 'allow_all', 'e2e')`,
      [`ac-${run}`, ws],
    );
    await client.query(
      `INSERT INTO "Finding" (id, "workspaceId", key, control, kind, "subjectType", "subjectId", "subjectLabel",
       message, cause, status, "dueAt", "firstSeenAt", "lastSeenAt")
       VALUES ($1, $2, 'allow-all:slack', '6.2', 'allow-all', 'app', 'slack', 'slack', $3, $4, 'open', $5, $5, $5)`,
      [
        `f-${run}`,
        ws,
        `slack allows all actions (${run}).`,
        JSON.stringify({ apps: ['slack'], field: 'action_control', observed: 'allow_all' }),
        now,
      ],
    );
  } finally {
    await client.end();
  }
  return ws;
}

async function viewWorkspace(page: Page, ws: string) {
  await page.context().addCookies([{ name: 'tollgate_ws', value: ws, url: BASE }]);
}

async function asCiso(browser: Browser, ws: string, pathname: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await viewWorkspace(page, ws);
  await signInAs(page, 'ciso', pathname);
  return page;
}

function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test('a reviewer requests an exception for an open finding, a CISO approves it, the finding shows as excepted', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000); // two people sign in through the demo identity provider
  const run = `exc${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const ws = await seedWorkspace(run);
  await viewWorkspace(page, ws);

  // The reviewer starts from the finding: it is preselected.
  await signInAs(page, 'reviewer', '/exceptions/new?finding=allow-all%3Aslack');
  await expect(page.getByRole('heading', { name: 'Request an exception' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /slack allows all actions/ })).toBeChecked();
  await page.getByLabel('Title').fill(`Slack bot for support ${run}`);
  await page
    .getByLabel('Business case')
    .fill('Support answers customers from Slack; writes are reviewed daily by the support lead.');
  await page.getByLabel('Kind').selectOption('action_control');
  await page.getByRole('combobox', { name: /^App/ }).selectOption('slack');
  await page.getByLabel('Action control accepted').selectOption('allow_all');
  await page.getByLabel('CAB ticket').fill('CHG-2041');
  await page.getByLabel(/Proposed review date/).fill(dayFromNow(30));
  const evidence = Buffer.from('<script>alert(1)</script>');
  await page.getByLabel(/Files/).setInputFiles({ name: 'cab-minutes.html', mimeType: 'text/html', buffer: evidence });

  // A link that is not https is refused, and nothing typed is lost.
  await page.getByLabel(/Links to evidence/).fill('http://cab.acme.example/CHG-2041');
  await page.getByRole('button', { name: 'Request exception' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText('Links must use https: http links are refused.');
  await expect(page.getByLabel('Title')).toHaveValue(`Slack bot for support ${run}`);
  await page.getByLabel(/Links to evidence/).fill('https://cab.acme.example/CHG-2041');
  await page.getByRole('button', { name: 'Request exception' }).click();

  await page.waitForURL((url) => /^\/exceptions\/[^/]+$/.test(url.pathname) && url.pathname !== '/exceptions/new');
  const exceptionUrl = new URL(page.url()).pathname;
  await expect(page.getByRole('heading', { name: `Slack bot for support ${run}` })).toBeVisible();
  const findings = page.getByRole('region', { name: 'Findings covered' });
  await expect(findings.getByRole('row', { name: /slack allows all actions/ })).toContainText('Open');
  await expect(page.getByRole('link', { name: 'https://cab.acme.example/CHG-2041' })).toBeVisible();
  // The uploaded file is only ever served as a download.
  const file = page.getByRole('link', { name: 'cab-minutes.html' });
  const download = await page.request.get((await file.getAttribute('href'))!);
  expect(download.headers()['content-disposition']).toMatch(/^attachment; filename="cab-minutes.html"/);
  expect(download.headers()['content-type']).toBe('application/octet-stream');
  expect(download.headers()['x-content-type-options']).toBe('nosniff');
  expect(download.headers()['repr-digest']).toBe(`sha-256=:${createHash('sha256').update(evidence).digest('base64')}:`);
  expect(await download.text()).toBe(evidence.toString());
  // More evidence from the exception's page: a link through its action, a file through the same multipart upload.
  await page.getByLabel('Link (https only)').fill('https://cab.acme.example/CHG-2041/minutes');
  await page.getByRole('button', { name: 'Add link' }).click();
  await expect(page.getByRole('link', { name: 'https://cab.acme.example/CHG-2041/minutes' })).toBeVisible();
  const agenda = { name: 'cab-agenda.txt', mimeType: 'text/plain', buffer: Buffer.from('agenda') };
  await page.getByLabel(/^File \(at most 10 MB\)/).setInputFiles(agenda);
  await page.getByRole('button', { name: 'Attach file' }).click();
  await expect(page.getByText('cab-agenda.txt attached.')).toBeVisible();
  const added = await page.request.get(
    (await page.getByRole('link', { name: 'cab-agenda.txt' }).getAttribute('href'))!,
  );
  expect(await added.text()).toBe('agenda');
  // Reviewers request; they cannot decide.
  await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0);

  // The CISO approves.
  const ciso = await asCiso(browser, ws, '/exceptions');
  await expect(
    ciso
      .getByRole('region', { name: 'Requested exceptions' })
      .getByRole('link', { name: `Slack bot for support ${run}` }),
  ).toBeVisible();
  await ciso.goto(exceptionUrl);
  await ciso.getByLabel('Note (optional)').fill('CAB approved on CHG-2041');
  await ciso.getByRole('button', { name: 'Approve' }).click();
  await expect(ciso.locator('.page-header .exc-status')).toHaveText('In force');
  await ciso.reload();
  await expect(
    ciso.getByRole('region', { name: 'Findings covered' }).getByRole('row', { name: /slack allows all actions/ }),
  ).toContainText('Excepted');
  await expect(ciso.getByText(/Approved by cyrus\.ciso@/)).toBeVisible();

  // The Findings page agrees, and links the exception.
  await ciso.goto('/findings?status=all');
  const row = ciso.getByRole('row', { name: /slack allows all actions/ });
  await expect(row.getByRole('link', { name: 'Excepted' })).toHaveAttribute('href', exceptionUrl);
  await ciso.context().close();
});
