// Serious or critical accessibility violations on the page as it is now (axe-core), for the specs' own pages.
// `include`: only these parts (CSS selectors) — for a very long page made of one repeated component, checking the
// page's frame and one of each component keeps the scan within the test's time.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export async function seriousViolations(page: Page, include: string[] = []): Promise<string[]> {
  let builder = new AxeBuilder({ page });
  for (const selector of include) builder = builder.include(selector);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
