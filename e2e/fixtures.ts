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
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in') && !url.pathname.startsWith('/interaction') && !url.pathname.startsWith('/api/auth'));
}
