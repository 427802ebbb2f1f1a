// `npx playwright test --project=screenshots` refreshes docs/screenshots (not part of npm test).
import { test } from '@playwright/test';
import { signInAs } from './fixtures.ts';

test('signed-in shell screenshots', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/sign-in');
  await page.screenshot({ path: 'docs/screenshots/sign-in.png' });
  await signInAs(page, 'admin', '/');
  await page.screenshot({ path: 'docs/screenshots/overview-admin.png', fullPage: true });
  await page.goto('/audit');
  await page.screenshot({ path: 'docs/screenshots/audit-log.png', fullPage: true });
  await page.goto('/settings');
  await page.screenshot({ path: 'docs/screenshots/settings.png', fullPage: true });
  await page.goto('/posture');
  await page.screenshot({ path: 'docs/screenshots/planned-section.png' });
});

test('inventory screenshots', async ({ page }) => {
  await page.setViewportSize({ width: 1360, height: 900 });
  await signInAs(page, 'admin', '/agents');
  await page.screenshot({ path: 'docs/screenshots/agents.png', fullPage: true });
  await page.goto('/agents?state=exposed&sort=name&dir=asc');
  await page.getByRole('link', { name: 'Release notes bot' }).click();
  await page.waitForURL(/\/agents\/[^/]+$/);
  await page.screenshot({ path: 'docs/screenshots/agent-trifecta.png', fullPage: true });
  await page.goto('/apps');
  await page.screenshot({ path: 'docs/screenshots/apps.png', fullPage: true });
  await page.goto('/agents/import');
  await page.screenshot({ path: 'docs/screenshots/agents-import.png', fullPage: true });
});

test('incident commander and mobile screenshots', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAs(page, 'incident-commander', '/');
  await page.screenshot({ path: 'docs/screenshots/shell-incident-commander.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'docs/screenshots/shell-mobile.png', fullPage: true });
});
