// Publish review in the browser: a reviewer takes a new agent from the queue to approved and sees it in the
// register; then suspends another agent, confirms the console step and restores it, with the timings shown.
import { expect, test, type Page } from '@playwright/test';
import { signInAs } from './fixtures.ts';

const PRINCIPAL = '3f0e7c2a-91d4-4b6e-8a57-0c2d9e4b1a66'; // the demo workspace's Compliance API principal

/** Two new agents of the demo workspace, through the Compliance Logs upload: one gated, one to suspend. */
async function uploadAgents(page: Page, run: string) {
  const ago = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString().replace('Z', '000Z');
  let n = 0;
  const created = (agent: string, name: string, connectors: object[]) => JSON.stringify({
    event_id: `${run}-${++n}`, type: 'CUSTOM_AGENTS_LOG', timestamp: ago(5 - n), principal: { id: PRINCIPAL, type: 'CHATGPT_WORKSPACE' },
    actor: { type: 'ACCOUNT_USER', user_id: 'u-lena', user_email: 'lena.berg@acme.example' }, event_type: 'AGENT_CREATED',
    event_details: { agent_id: agent, version_id: 'v1', agent_fields: { name, tools: { connectors } } },
  });
  const file = [
    created(`agent-${run}`, `Inbox triage ${run}`, [{ connector_id: 'gmail', allowed_tools: ['search', 'read', 'send'], user_approvals: 'always' }, { connector_id: 'notion', user_approvals: 'never' }]),
    created(`agent-${run}-b`, `Notes helper ${run}`, [{ connector_id: 'notion', user_approvals: 'never' }]),
  ].join('\n');
  await page.goto('/alerts/sources');
  await page.getByLabel(/^Compliance Logs files \(/).setInputFiles({ name: `${run}.jsonl`, mimeType: 'application/octet-stream', buffer: Buffer.from(file) });
  await page.getByRole('button', { name: 'Upload and store' }).click();
  await expect(page.getByText('2 lines · 2 new events · 0 already stored')).toBeVisible();
}

test('a reviewer approves a new agent from the queue, and it enters the published register', async ({ page }) => {
  const run = `rv${Date.now().toString(36)}`;
  await signInAs(page, 'reviewer', '/reviews');
  await uploadAgents(page, run);

  await page.goto('/reviews');
  const row = page.getByRole('region', { name: 'Review queue table' }).getByRole('row', { name: new RegExp(`Inbox triage ${run}`) });
  await expect(row.getByText('New: never reviewed')).toBeVisible();
  await row.getByRole('link', { name: `Inbox triage ${run}` }).click();
  await expect(page.getByRole('heading', { name: `Review: Inbox triage ${run}` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Action map table' }).getByRole('row', { name: /gmail send write yes email_send Human approval OK/ })).toBeVisible();

  // Without the per-agent checklist steps the server refuses, listing what is missing.
  const form = page.getByRole('form', { name: 'Decide' });
  await form.getByLabel('Reason').fill('Mail is sent only after the user approves each message.');
  await form.getByRole('button', { name: 'Approve this configuration' }).click();
  await expect(form.getByRole('alert')).toContainText('Approval refused');
  await expect(form.getByRole('alert')).toContainText('step 3');

  for (const step of [1, 2, 3]) await form.getByLabel(new RegExp(`Step ${step}:`)).check();
  await form.getByRole('button', { name: 'Approve this configuration' }).click();
  await expect(page.getByText('This configuration is in the published register')).toBeVisible();
  await expect(page.getByText(/Approved so far at this configuration by rhea\.reviewer@demo\.tollgate\.local/)).toBeVisible();

  await page.goto(`/reviews/register?q=${run}`);
  await expect(page.getByRole('region', { name: 'Published register table' }).getByRole('row', { name: new RegExp(`Inbox triage ${run} .*rhea\\.reviewer@demo\\.tollgate\\.local .*In force`) })).toBeVisible();
  await page.goto('/reviews');
  await expect(page.getByText(`Inbox triage ${run}`)).toHaveCount(0);
});

test('a reviewer suspends an agent with its evidence, confirms it in the console and restores it, with the timings shown', async ({ page }) => {
  const run = `sp${Date.now().toString(36)}`;
  await signInAs(page, 'reviewer', '/agents');
  await uploadAgents(page, run);

  await page.goto(`/agents/agent-${run}-b`);
  const suspend = page.getByRole('form', { name: 'Suspend this agent' });
  await suspend.getByLabel('Reason (required)').fill('Unexpected export of Notion pages (INC-2042).');
  await suspend.getByRole('button', { name: 'Suspend' }).click();
  await page.getByRole('link', { name: 'Open the suspension' }).click();

  await expect(page.getByRole('heading', { name: 'Evidence' })).toBeVisible();
  await expect(page.getByText('No runs ingested')).toBeVisible();
  await page.getByRole('button', { name: 'Confirm suspended in console' }).click();
  const timings = page.locator('section', { has: page.getByRole('heading', { name: 'Timings' }) });
  await expect(timings.getByRole('row', { name: /Total .*met \(under 15 min\)/ })).toBeVisible();

  const restore = page.locator('section', { has: page.getByRole('heading', { name: 'Restore' }) });
  await restore.getByLabel('Reason (required)').fill('False positive: the export was a scheduled backup.');
  await restore.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByText('False positive: the export was a scheduled backup.', { exact: true })).toBeVisible();
});
