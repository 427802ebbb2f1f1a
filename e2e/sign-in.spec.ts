import { expect, test } from '@playwright/test';
import { can, ROLES, type Role } from '../lib/auth/permissions.ts';
import { NAV } from '../lib/nav.ts';
import { DEMO, signInAs } from './fixtures.ts';

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
