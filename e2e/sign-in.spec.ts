import { expect, test } from '@playwright/test';
import { can, ROLES, type Role } from '@/lib/auth/permissions.ts';
import { NAV } from '@/lib/nav.ts';
// These tests are about the sign-in itself: each goes through the real flow (not a worker's kept session).
import { DEMO, signInFresh as signInAs } from './fixtures.ts';

test('an anonymous visitor is sent to sign-in, which carries the security headers', async ({ page }) => {
  const response = await page.goto('/agents');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fagents/);
  const headers = response!.headers();
  expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBeTruthy();
  await expect(page.getByText('anyone can sign in as any role').first()).toBeVisible();
});

test('API routes answer 401 without a session, and health is public', async ({ request }) => {
  const res = await request.get('/api/audit/export');
  expect(res.status()).toBe(401);
  expect((await res.json()).error.code).toBe('unauthenticated');
  const health = await request.get('/api/health');
  expect(await health.json()).toMatchObject({ status: 'ok', database: { status: 'ok' } });
});

for (const role of ROLES) {
  test(`${role} signs in through the demo OpenID provider and sees their navigation`, async ({ page }) => {
    await signInAs(page, role, '/');
    const expected = NAV.filter((n) => can([role as Role], n.permission)).map((n) => n.label);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link')).toHaveText(expected);
    await expect(page.getByRole('banner')).toContainText(DEMO[role]);
    if (!can([role], 'settings:read')) {
      await page.goto('/settings');
      await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
    }
  });
}

test('a user whose groups map to no role sees only the no-access page', async ({ page }) => {
  await signInAs(page, 'none', '/');
  await expect(page).toHaveURL(/\/no-access/);
  await expect(page.getByRole('heading', { name: 'No access' })).toBeVisible();
  await expect(page.getByText('Groups received: marketing')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await page.goto('/audit');
  await expect(page).toHaveURL(/\/no-access/);
});

test('the sign-in returns to the page first asked for, and sign-out ends the session', async ({ page }) => {
  await signInAs(page, 'auditor', '/audit');
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/audit');
  await expect(page).toHaveURL(/\/sign-in/);
});

// Issue 15 item 5: a callback that points off-site, however it is spelt, keeps the user on Tollgate.
const HOSTILE_CALLBACKS = [
  '/\\evil.example/phish',
  '/\t/evil.example',
  '/\n/evil.example',
  '//evil.example',
  '/.//evil.example',
  'https://evil.example/',
  'javascript:alert(1)',
];

test('a signed-in user is never redirected off-site by ?callbackUrl=', async ({ page, baseURL }) => {
  await signInAs(page, 'auditor', '/audit');
  for (const callback of HOSTILE_CALLBACKS) {
    const res = await page.request.get(`/sign-in?callbackUrl=${encodeURIComponent(callback)}`, { maxRedirects: 0 });
    expect(res.status(), callback).toBeGreaterThanOrEqual(300);
    expect(new URL(res.headers().location!, baseURL).origin, callback).toBe(new URL(baseURL!).origin);
  }
  const own = await page.request.get(`/sign-in?callbackUrl=${encodeURIComponent('/audit?q=x')}`, { maxRedirects: 0 });
  expect(new URL(own.headers().location!, baseURL).pathname + new URL(own.headers().location!, baseURL).search).toBe(
    '/audit?q=x',
  );
});

test('signing in from a hostile ?callbackUrl= lands on Tollgate', async ({ page, baseURL }) => {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent('/\\evil.example/phish')}`);
  await expect(page.locator('input[name="callbackUrl"]')).toHaveValue('/');
  await page.getByRole('button', { name: 'Sign in with the demo identity provider' }).click();
  await page.getByRole('button', { name: new RegExp(DEMO.auditor) }).click();
  await page.waitForURL(
    (url) =>
      !url.pathname.startsWith('/sign-in') &&
      !url.pathname.startsWith('/interaction') &&
      !url.pathname.startsWith('/api/auth'),
  );
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
});

// Issue 15 item 7: an undecodable path is a 400 with the security headers, not a bare 500.
test('a malformed URL answers 400 with the security headers', async ({ request }) => {
  for (const path of ['/agents/%E0%A4%A', '/%zz']) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(400);
    const headers = res.headers();
    expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['x-request-id'], path).toBeTruthy();
  }
});

// Issue 15 item 7: a server action needs Origin of this host or Sec-Fetch-Site: same-origin (Next's own check
// lets a POST without Origin through). The sign-in form's action is a real one anyone can reach.
test('a server action POST without a same-origin Origin is refused with 403', async ({ page, playwright, baseURL }) => {
  await page.goto('/sign-in');
  const actionField = await page.locator('form input[type="hidden"][name^="$ACTION_ID_"]').first().getAttribute('name');
  expect(actionField).toBeTruthy();
  const api = await playwright.request.newContext({ baseURL });
  const post = (headers: Record<string, string>) =>
    api.post('/sign-in', { multipart: { [actionField!]: '', callbackUrl: '/' }, headers, maxRedirects: 0 });
  for (const headers of [
    {},
    { Origin: 'null' },
    { Origin: 'https://evil.example' },
    { 'Sec-Fetch-Site': 'cross-site' },
  ] as Record<string, string>[]) {
    const res = await post(headers);
    expect(res.status(), JSON.stringify(headers)).toBe(403);
  }
  // The same action from this app's own pages still runs (it starts the SSO flow).
  for (const headers of [{ Origin: new URL(baseURL!).origin }, { 'Sec-Fetch-Site': 'same-origin' }] as Record<
    string,
    string
  >[]) {
    expect((await post(headers)).status(), JSON.stringify(headers)).not.toBe(403);
  }
  await api.dispose();
});
