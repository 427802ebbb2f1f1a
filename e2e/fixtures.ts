// Signs in through the real flow: Tollgate's sign-in page → the demo OpenID provider → back.
import { expect, type Page } from '@playwright/test';

export const DEMO = {
  admin: 'Ada Admin',
  reviewer: 'Rhea Reviewer',
  ciso: 'Cyrus Ciso',
  grc: 'Greta GRC',
  auditor: 'Otto Auditor',
  'incident-commander': 'Iris Incident',
  none: 'Nico NoAccess',
} as const;

export async function signInAs(page: Page, who: keyof typeof DEMO, path = '/') {
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
