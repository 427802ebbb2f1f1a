// Settings' lists (workspaces, SCIM tokens, active sessions) are on the shared DataTable: each scrolls inside its
// own card, and at 1280, 1440 and 1920 px the page never scrolls sideways.
import { expect, test } from '@playwright/test';
import { signInAs } from './fixtures.ts';
import { overflowing } from './layout.ts';
import { shot } from './shots.ts';

test('Settings fits 1280, 1440 and 1920 px with its lists in their own scroll boxes', async ({ page }) => {
  await signInAs(page, 'admin', '/settings');
  for (const name of ['Governed workspaces', 'Active sessions']) {
    await expect(page.getByRole('region', { name }).getByRole('table')).toBeVisible();
  }
  await expect(
    page.getByRole('table', { name: 'Active sessions' }).getByRole('row', { name: /this session/ }),
  ).toHaveCount(1);
  for (const width of [1280, 1440, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    const sideways = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(sideways, `/settings at ${width} px scrolls sideways`).toBeLessThanOrEqual(0);
    expect(await overflowing(page), `/settings at ${width} px`).toEqual([]);
  }
  await shot(page, 'settings-tables');
});
