// Item 15: the suspension's clock sits in the header, ticks once a second, and turns red past 15 minutes;
// at 1440 px the Timings table shows its "Took" column whole. The console path: a workspace of its own, with no act
// key, so the agent is suspended in the admin console and confirmed by a person (e2e/platform-suspend.spec.ts has
// the Admin API path).
import { expect, test } from '@playwright/test';
import { seriousViolations } from './axe.ts';
import { shot } from './shots.ts';
import { signInAs, useOwnWorkspace } from './fixtures.ts';

test('the suspension clock ticks in the header and turns red past 15 minutes', async ({ page }) => {
  const run = `clk${Date.now().toString(36)}`;
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAs(page, 'admin', '/settings');
  await useOwnWorkspace(page, `ws-${run}`);
  await page.goto('/agents/import');
  const columns = 'agent_id,agent_name,owner_email,connected_apps';
  const csv = `${columns}\nagent-${run},Clock target ${run},qa@acme.example,Notion\n`;
  await page
    .getByLabel('Agent export (CSV)')
    .setInputFiles({ name: `${run}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByLabel(/This is a full export/).uncheck();
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await page.getByRole('button', { name: 'Commit import' }).click();
  await expect(page.getByRole('heading', { name: 'Import committed' })).toBeVisible();

  // The browser's clock is Playwright's, so the test can move it past the 15-minute target.
  await page.clock.install();
  await page.goto(`/agents/agent-${run}`);
  const suspend = page.getByRole('form', { name: 'Suspend this agent' });
  await suspend.getByLabel('Reason (required)').fill('Clock test: unexpected export (INC-1500).');
  await suspend.getByRole('button', { name: 'Suspend' }).click();
  await page.getByRole('link', { name: 'Open the suspension' }).click();
  await page.waitForURL(/\/suspensions\/[^/]+$/);

  const header = page.locator('.page-header');
  const clock = header.getByRole('timer', { name: 'Suspension clock' });
  await expect(clock).toContainText('not yet confirmed in the console');
  const first = Number(await clock.locator('.clock-value').getAttribute('data-ms'));
  await page.clock.runFor(3000);
  await expect
    .poll(async () => Number(await clock.locator('.clock-value').getAttribute('data-ms')))
    .toBeGreaterThanOrEqual(first + 2000);
  await expect(clock).not.toHaveClass(/clock-late/);
  await shot(page, 'suspension-clock', [1440]);

  // At 1440 px nothing of the Timings table is cut off.
  const timings = page.locator('section', { has: page.getByRole('heading', { name: 'Timings' }) });
  const took = await timings.getByRole('columnheader', { name: 'Took' }).boundingBox();
  const panel = await timings.boundingBox();
  expect(took && panel && took.x + took.width <= panel.x + panel.width).toBe(true);
  await expect(timings.getByRole('row', { name: /Total .*running/ })).toBeVisible();

  await page.clock.fastForward('15:01');
  await expect(clock).toHaveClass(/clock-late/);
  await expect(clock).toContainText('Over the 15-minute target');
  expect(await clock.locator('.clock-value').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(180, 35, 24)');
  await shot(page, 'suspension-clock-late');
  expect(await seriousViolations(page)).toEqual([]);

  // The agent page's suspension panel carries the same clock, red too.
  const suspensionUrl = page.url();
  await page.goto(`/agents/agent-${run}`);
  await page.clock.fastForward('00:01');
  const inline = page.getByRole('region', { name: 'Suspension' }).getByRole('timer', { name: 'Suspension clock' });
  await expect(inline).toHaveClass(/clock-late/);
  await expect(inline).toContainText('over 15 minutes');
  await shot(page, 'agent-suspension-late', [1440]);
  // …and so does the runbook's list of suspensions.
  await page.goto('/reviews/runbook');
  await page.clock.fastForward('00:01');
  const listed = page
    .getByRole('region', { name: 'Suspensions and drills' })
    .getByRole('row', { name: new RegExp(`Clock target ${run}`) });
  await expect(listed.getByRole('timer', { name: 'Suspension clock' })).toHaveClass(/clock-late/);
  await page.goto(suspensionUrl);

  // Confirmed: the clock stops at the total.
  await page.getByRole('button', { name: 'Confirm suspended in console' }).click();
  await expect(clock).toContainText('Trigger to console confirmation');
  await expect(clock).not.toHaveClass(/clock-late/);
  await expect(clock).toContainText('Met the 15-minute target.');
  await shot(page, 'suspension-clock-confirmed');
});
