// Where the specs' review screenshots go: test-results by default (Playwright empties it on every run, and
// runs of other specs share it), or E2E_SHOTS to keep them for a look.
import type { Page } from '@playwright/test';

export async function shot(page: Page, name: string, widths: number[] = [1280, 1440]) {
  const dir = process.env.E2E_SHOTS ?? 'test-results';
  const size = page.viewportSize();
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${dir}/${name}-${width}.png`, fullPage: true });
  }
  if (size) await page.setViewportSize(size);
}
