import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { signInAs } from './fixtures.ts';

async function seriousViolations(page: import('@playwright/test').Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the sign-in page has no serious or critical accessibility violations', async ({ page }) => {
  await page.goto('/sign-in');
  expect(await seriousViolations(page)).toEqual([]);
});

for (const path of ['/', '/audit', '/settings', '/agents', '/agents/import', '/apps']) {
  test(`the shell at ${path} has no serious or critical accessibility violations`, async ({ page }) => {
    await signInAs(page, 'admin', path);
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('the shell is keyboard-usable: skip link, then the navigation', async ({ page }) => {
  await signInAs(page, 'reviewer', '/');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
});
