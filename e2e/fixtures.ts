// Signs in through the real flow: Tollgate's sign-in page → the demo OpenID provider → back.
import { type Cookie, expect, type Page } from '@playwright/test';

export const DEMO = {
  admin: 'Ada Admin',
  reviewer: 'Rhea Reviewer',
  ciso: 'Cyrus Ciso',
  grc: 'Greta GRC',
  auditor: 'Otto Auditor',
  'incident-commander': 'Iris Incident',
  none: 'Nico NoAccess',
} as const;

/**
 * Signed in as `who` at `path`. The first time in this worker it goes through the real flow (signInFresh); later
 * tests of the worker get the same session's cookie (a database session, as a returning user's browser keeps it),
 * about two seconds less each. A session revoked or signed out since is noticed and replaced by a fresh sign-in.
 * Tests of the sign-in itself, of sign-out or of the session list call signInFresh. E2E_FRESH_SIGN_IN=1: every
 * sign-in goes through the flow (to compare, or to rule the kept sessions out when a test fails).
 */
export async function signInAs(page: Page, who: keyof typeof DEMO, path = '/') {
  const cookie = process.env.E2E_FRESH_SIGN_IN === '1' ? undefined : sessions.get(who);
  if (cookie) {
    await page.context().addCookies([cookie]);
    await page.goto(path);
    if (!new URL(page.url()).pathname.startsWith('/sign-in')) return;
    await page.context().clearCookies({ name: cookie.name });
    sessions.delete(who);
  }
  await signInFresh(page, who, path);
}

/** This worker's session cookie per demo user (each Playwright worker is its own process). */
const sessions = new Map<string, Cookie>();

/** Through the real flow: Tollgate's sign-in page → the demo OpenID provider → back, a new session. */
export async function signInFresh(page: Page, who: keyof typeof DEMO, path = '/') {
  await page.goto(path);
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByRole('button', { name: 'Sign in with the demo identity provider' }).click();
  await page.getByRole('button', { name: new RegExp(DEMO[who]) }).click();
  await page.waitForURL(
    (url) =>
      !url.pathname.startsWith('/sign-in') &&
      !url.pathname.startsWith('/interaction') &&
      !url.pathname.startsWith('/api/auth'),
  );
  const cookie = (await page.context().cookies()).find((c) => c.name.endsWith('authjs.session-token'));
  if (cookie) sessions.set(who, cookie);
}

/**
 * A workspace of the test's own (added through Settings by an admin), chosen for this browser context.
 * Specs that write workspace-wide state (a roster import's preview is checked against the whole roster)
 * use one, so tests running in parallel never invalidate each other's previews.
 */
export async function useOwnWorkspace(page: Page, id: string) {
  await page.goto('/settings');
  const form = page.getByRole('form', { name: 'Add a workspace' });
  await form.getByLabel('Id').fill(id);
  await form.getByLabel('Name').fill(`E2E ${id}`);
  await form.getByRole('button', { name: 'Add workspace' }).click();
  await expect(form.getByRole('status')).toContainText('added');
  await chooseWorkspace(page, id);
}

/** Chooses the workspace in view for this browser context (the top bar's switcher writes the same cookie). */
export async function chooseWorkspace(page: Page, id: string) {
  await page.context().addCookies([{ name: 'tollgate_ws', value: id, url: new URL(page.url()).origin }]);
}
