// Issue 18: an incident commander contains an agent in seconds. The demo stores an act key, so the suspension
// unpublishes the agent through the Admin API of the demo's simulated platform: the page says "Platform answered",
// then — once the follow-up pull has read the platform's AGENT_UNPUBLISHED event — "Confirmed in logs", and the
// clock stops at trigger → confirmation in the logs.
import { expect, test } from '@playwright/test';
import { PLATFORM_ACTIONS_QUEUE } from '@/lib/jobs/scheduler.ts';
import { uploadAgents } from './compliance-upload.ts';
import { signInAs } from './fixtures.ts';
import { runJobNow } from './jobs.ts';
import { shot } from './shots.ts';

test('an incident commander suspends an agent: platform answered, then confirmed in logs', async ({
  page,
  browser,
}) => {
  // The follow-up pull runs with the platform-actions job, once a minute: the test runs that job now (below).
  test.setTimeout(240_000);
  const run = `ic${Date.now().toString(36)}`;
  // A reviewer brings the agent in (an incident commander may not upload logs).
  const reviewer = await browser.newContext();
  const upload = await reviewer.newPage();
  await signInAs(upload, 'reviewer', '/agents');
  await uploadAgents(upload, run, [
    {
      id: `agent-${run}`,
      name: `Payroll sync ${run}`,
      connectors: [{ connector_id: 'notion', user_approvals: 'never' }],
    },
  ]);
  await reviewer.close();

  await signInAs(page, 'incident-commander', `/agents/agent-${run}`);
  const suspend = page.getByRole('form', { name: 'Suspend this agent' });
  await suspend.getByLabel('Reason (required)').fill('Payroll data sent to an unknown webhook (INC-3107).');
  await suspend.getByRole('button', { name: 'Suspend' }).click();
  // The panel turns into the suspension's state: sent through the Admin API.
  await expect(page.getByRole('region', { name: 'Suspension' })).toContainText(/Sent to the platform|Confirmed by/);
  await page.getByRole('link', { name: 'Open the suspension' }).click();
  await page.waitForURL(/\/suspensions\/[^/]+$/);

  const status = page.getByTestId('platform-status');
  await expect(status).toHaveText(/Platform answered|Confirmed in logs/);
  await expect(page.getByRole('button', { name: 'Confirm suspended in console' })).toHaveCount(0);
  await shot(page, 'suspension-platform-answered', [1280]);

  // The job's own code decides to pull (an answered action awaits its log event); the pull confirms the action.
  await runJobNow(PLATFORM_ACTIONS_QUEUE);
  await expect(async () => {
    await page.reload();
    await expect(status).toHaveText('Confirmed in logs', { timeout: 1_000 });
  }).toPass({ timeout: 200_000, intervals: [2_000] });
  const platform = page.getByRole('region', { name: 'Contained through the Admin API' });
  await expect(platform).toContainText(/event \S+ at /);
  const timings = page.locator('section', { has: page.getByRole('heading', { name: 'Timings' }) });
  await expect(timings.getByRole('row', { name: /Platform answered → confirmed in logs/ })).toContainText(/\d/);
  await expect(timings.getByRole('row', { name: /Total .*met \(under 15 min\)/ })).toBeVisible();
  const clock = page.locator('.page-header').getByRole('timer', { name: 'Suspension clock' });
  await expect(clock).toContainText('Trigger to confirmation in the logs');
  await shot(page, 'suspension-platform-confirmed');

  // The agent page says the same.
  await page.goto(`/agents/agent-${run}`);
  await expect(page.getByRole('region', { name: 'Suspension' })).toContainText('Confirmed by the Compliance Logs');
});
