// SAML sign-in through a real IdP (samlify, e2e/saml-idp-server.ts) against a second Tollgate configured for SAML
// alone (not demo mode), started here on its own port and database: an admin signs in through Chromium and lands
// where they asked with the mapped role; an unsigned assertion and a replayed response are refused, and the person
// is told so on the sign-in page.
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { type AppServer, SIGN_IN_SETTINGS, startAppServer, stopAppServer, waitHealthy } from './app-server.ts';
import { SAML_PEOPLE, type SamlIdpServer, startSamlIdp } from './saml-idp-server.ts';

const APP_PORT = Number(process.env.SAML_E2E_PORT ?? 3300);
const APP = `http://localhost:${APP_PORT}`;
const IDP_PORT = APP_PORT + 1;

let idp: SamlIdpServer;
let app: AppServer | null = null;

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: APP });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  idp = await startSamlIdp(IDP_PORT, APP);
  app = startAppServer({
    name: 'SAML',
    port: APP_PORT,
    env: {
      PORT: String(APP_PORT),
      AUTH_URL: APP,
      TOLLGATE_DATA_DIR: path.resolve('.test-data', `e2e-saml-${APP_PORT}`),
      TOLLGATE_DEMO_DATA: '0',
      SAML_IDP_METADATA_URL: idp.metadataUrl,
      TOLLGATE_ROLE_MAP: 'tg-admins=admin,tg-auditors=auditor',
    },
    unset: [...SIGN_IN_SETTINGS, 'SAML_IDP_METADATA', 'DATABASE_URL'],
  });
  await waitHealthy(app);
});

test.afterAll(async () => {
  await stopAppServer(app);
  await idp?.close();
});

/** Tollgate's sign-in page → the IdP's login page → its answer page → back to Tollgate. */
async function signInThroughIdp(page: Page, person: string) {
  await page.getByRole('link', { name: 'Sign in with SAML single sign-on' }).click();
  await expect(page).toHaveURL(new RegExp(`^http://localhost:${IDP_PORT}/sso`));
  await page.getByRole('button', { name: `Sign in as ${person}` }).click();
  await page.getByRole('button', { name: 'Continue to Tollgate' }).click();
}

test('an admin signs in through the SAML IdP, lands on the page asked for with the mapped role', async ({ page }) => {
  await page.goto('/audit');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faudit/);
  // SAML alone: no demo provider, no OIDC button.
  await expect(page.getByText('anyone can sign in as any role')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Sign in with/ })).toHaveCount(0);
  await signInThroughIdp(page, SAML_PEOPLE.ada.name);
  await expect(page).toHaveURL(`${APP}/audit`);
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  const banner = page.getByRole('banner');
  await expect(banner).toContainText(SAML_PEOPLE.ada.name);
  await expect(banner.locator('[data-role="admin"]')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' })).toBeVisible();
  // The session is an ordinary database session: signing out ends it.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/audit');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('an unsigned assertion inside a signed response is refused, and the person is told', async ({ page }) => {
  await page.goto('/sign-in');
  idp.unsignedNext = true;
  await signInThroughIdp(page, SAML_PEOPLE.otto.name);
  await expect(page).toHaveURL(/\/sign-in\?error=SamlRefused/);
  // (Next's route announcer is an empty role="alert" too: the message is the one with text.)
  await expect(page.getByRole('alert').filter({ hasText: 'answer was refused' })).toBeVisible();
  await expect(page.getByText(/Assertion|<saml|stack/i)).toHaveCount(0);
  await page.goto('/audit');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('a replayed response is refused, from another browser and from the same one', async ({ page, browser }) => {
  await page.goto('/sign-in');
  await signInThroughIdp(page, SAML_PEOPLE.otto.name);
  await expect(page.getByRole('banner').locator('[data-role="auditor"]')).toBeVisible();
  // An attacker who captured the posted response replays it from their own browser.
  const other = await browser.newContext();
  const attacker = await other.newPage();
  await attacker.goto(`http://localhost:${IDP_PORT}/replay`);
  await attacker.getByRole('button', { name: 'Continue to Tollgate' }).click();
  await expect(attacker).toHaveURL(/\/sign-in\?error=Saml/);
  await expect(attacker.getByRole('alert').filter({ hasText: 'Start again' })).toBeVisible();
  await attacker.goto(`${APP}/audit`);
  await expect(attacker).toHaveURL(/\/sign-in/);
  await other.close();
  // The same browser, signed out, posting the same response again.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.goto(`http://localhost:${IDP_PORT}/replay`);
  await page.getByRole('button', { name: 'Continue to Tollgate' }).click();
  await expect(page).toHaveURL(/\/sign-in\?error=Saml/);
  await expect(page.getByRole('alert').filter({ hasText: 'Start again' })).toBeVisible();
  await page.goto('/audit');
  await expect(page).toHaveURL(/\/sign-in/);
});
