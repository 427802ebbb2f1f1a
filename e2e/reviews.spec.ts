// Publish review in the browser: a reviewer takes a new agent from the queue to approved and sees it in the
// register; then suspends another agent through the Admin API (the demo's simulated platform) and restores it.
import { expect, test, type Page } from '@playwright/test';
import { uploadAgents as uploadNewAgents } from './compliance-upload.ts';
import { shot } from './shots.ts';
import { signInAs } from './fixtures.ts';

const PRINCIPAL = '3f0e7c2a-91d4-4b6e-8a57-0c2d9e4b1a66'; // the demo workspace's Compliance API principal

/** Two new agents of the demo workspace, through the Compliance Logs upload: one gated, one to suspend. */
async function uploadAgents(page: Page, run: string) {
  const ago = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString().replace('Z', '000Z');
  let n = 0;
  const created = (agent: string, name: string, connectors: object[]) =>
    JSON.stringify({
      event_id: `${run}-${++n}`,
      type: 'CUSTOM_AGENTS_LOG',
      timestamp: ago(5 - n),
      principal: { id: PRINCIPAL, type: 'CHATGPT_WORKSPACE' },
      actor: { type: 'ACCOUNT_USER', user_id: 'u-lena', user_email: 'lena.berg@acme.example' },
      event_type: 'AGENT_CREATED',
      event_details: { agent_id: agent, version_id: 'v1', agent_fields: { name, tools: { connectors } } },
    });
  const file = [
    created(`agent-${run}`, `Inbox triage ${run}`, [
      { connector_id: 'gmail', allowed_tools: ['search', 'read', 'send'], user_approvals: 'always' },
      { connector_id: 'notion', user_approvals: 'never' },
    ]),
    created(`agent-${run}-b`, `Notes helper ${run}`, [{ connector_id: 'notion', user_approvals: 'never' }]),
  ].join('\n');
  await page.goto('/alerts/sources');
  await page
    .getByLabel(/^Compliance Logs files \(/)
    .setInputFiles({ name: `${run}.jsonl`, mimeType: 'application/octet-stream', buffer: Buffer.from(file) });
  await page.getByRole('button', { name: 'Upload and store', exact: true }).click();
  await expect(page.getByText('2 lines · 2 new events · 0 already stored')).toBeVisible();
}

test('a reviewer approves a new agent from the queue, and it enters the published register', async ({ page }) => {
  const run = `rv${Date.now().toString(36)}`;
  await signInAs(page, 'reviewer', '/reviews');
  await uploadAgents(page, run);

  await page.goto('/reviews');
  const row = page
    .getByRole('region', { name: 'Review queue table' })
    .getByRole('row', { name: new RegExp(`Inbox triage ${run}`) });
  await expect(row.getByText('New: never reviewed')).toBeVisible();
  await row.getByRole('link', { name: `Inbox triage ${run}` }).click();
  await expect(page.getByRole('heading', { name: `Review: Inbox triage ${run}` })).toBeVisible();
  await expect(
    page
      .getByRole('region', { name: 'Action map table' })
      .getByRole('row', { name: /gmail send write yes Sending email email_send .*Human approval OK/ }),
  ).toBeVisible();

  // Nothing is confirmed for the agent before a reviewer confirms it (the page used to list the steps that apply).
  await expect(page.getByText('Confirmed for this agent: none yet.')).toBeVisible();

  // Without the per-agent checklist steps the server refuses, listing what is missing.
  const form = page.getByRole('form', { name: 'Decide' });
  await form.getByLabel('Reason').fill('Mail is sent only after the user approves each message.');
  await form.getByRole('button', { name: 'Approve this configuration' }).click();
  await expect(form.getByRole('alert')).toContainText('Approval refused');
  await expect(form.getByRole('alert')).toContainText('step 3');

  for (const step of [1, 2, 3]) await form.getByLabel(new RegExp(`Step ${step}:`)).check();
  await form.getByRole('button', { name: 'Approve this configuration' }).click();
  await expect(page.getByText('This configuration is in the published register')).toBeVisible();
  await expect(
    page.getByText(/Approved so far at this configuration by rhea\.reviewer@demo\.tollgate\.local/),
  ).toBeVisible();
  // Approved, and nothing on the page says it is refused.
  await expect(page.getByRole('note', { name: 'Why approval is refused' })).toHaveCount(0);
  await expect(page.getByText('Approval is refused')).toHaveCount(0);
  await expect(
    page.getByText(/Confirmed for this agent with the approval: steps 1, 2, 3 by rhea\.reviewer@demo\.tollgate\.local/),
  ).toBeVisible();
  await shot(page, 'review-approved');

  await page.goto(`/reviews/register?q=${run}`);
  await expect(
    page.getByRole('region', { name: 'Published register table' }).getByRole('row', {
      name: new RegExp(`Inbox triage ${run} .*rhea\\.reviewer@demo\\.tollgate\\.local .*In force`),
    }),
  ).toBeVisible();
  await page.goto('/reviews');
  await expect(page.getByText(`Inbox triage ${run}`)).toHaveCount(0);
});

test('a reviewer suspends an agent: evidence, then the platform unpublishes it; restore stays a console step', async ({
  page,
}) => {
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
  // The demo stores an act key: no console step to confirm, the platform's answer instead.
  await expect(page.getByRole('button', { name: 'Confirm suspended in console' })).toHaveCount(0);
  await expect(page.getByTestId('platform-status')).toHaveText(/Platform answered|Confirmed in logs/);
  const timings = page.locator('section', { has: page.getByRole('heading', { name: 'Timings' }) });
  await expect(timings.getByRole('row', { name: /Evidence captured → platform answered/ })).toContainText(/\d/);

  const restore = page.locator('section', { has: page.getByRole('heading', { name: 'Restore' }) });
  await expect(restore).toContainText('Re-publishing is a console step');
  await restore.getByLabel('Reason (required)').fill('False positive: the export was a scheduled backup.');
  await restore.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByText('False positive: the export was a scheduled backup.', { exact: true })).toBeVisible();
});

test('an exposed agent: the action map refuses the web-search send it names; a refusal keeps the choice', async ({
  page,
}) => {
  const run = `rx${Date.now().toString(36)}`;
  await signInAs(page, 'reviewer', '/reviews');
  await uploadNewAgents(page, run, [
    {
      id: `agent-${run}`,
      name: `Research desk ${run}`,
      connectors: [
        { connector_id: 'google_drive', user_approvals: 'never' },
        { connector_id: 'web_search', user_approvals: 'never' },
      ],
    },
  ]);

  await page.goto(`/reviews/agent-${run}`);
  const refusal = page.getByRole('note', { name: 'Why approval is refused' });
  await expect(refusal).toContainText('risk state: exposed');
  await expect(refusal).toContainText('through web_search: search, with no human approval');
  // The map says the same thing about that row: not "OK".
  const row = page
    .getByRole('region', { name: 'Action map table' })
    .getByRole('row', { name: /web-search search read yes/ });
  await expect(row).toContainText('Refused: keeps the trifecta open');
  await expect(row.getByText('OK', { exact: true })).toHaveCount(0);

  // Approve anyway: the server refuses, and the form still says Approve in the radio and the button.
  const form = page.getByRole('form', { name: 'Decide' });
  await expect(form.getByLabel('Request changes')).toBeChecked();
  await form.getByLabel('Approve', { exact: true }).check();
  for (const step of [1, 2, 3]) await form.getByLabel(new RegExp(`Step ${step}:`)).check();
  await form.getByLabel('Reason').fill('Web search is needed for research.');
  await form.getByRole('button', { name: 'Approve this configuration' }).click();
  await expect(form.getByRole('alert')).toContainText('Approval refused');
  await expect(form.getByLabel('Approve', { exact: true })).toBeChecked();
  await expect(form.getByLabel('Request changes')).not.toBeChecked();
  await expect(form.getByRole('button', { name: 'Approve this configuration' })).toBeVisible();
  await expect(form.getByLabel('Reason')).toHaveValue('Web search is needed for research.');
  await shot(page, 'review-refused');

  // Request changes instead: the radio and the button agree again, and the page records it.
  await form.getByLabel('Request changes').check();
  await form.getByLabel('Reason').fill('Gate web search behind a human approval.');
  await form.getByRole('button', { name: 'Request changes' }).click();
  await expect(page.getByText(/changes requested/).first()).toBeVisible();
  await shot(page, 'review-changes-requested', [1440]);
});
