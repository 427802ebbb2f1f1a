// A custom GPT through the publish review: the demo's trifecta GPT (browsing, memory and knowledge files, read from
// the simulated Compliance API by the demo's scheduled read) sits in the same queue as agents; its review says why
// approval is refused, the form's approval is refused, and a forged POST of the same server action — sent outside
// the page — is refused by the server too, leaving no decision behind. A clean GPT, once approved, shows on its page
// what a later configuration changed since the approval.
import { expect, test } from '@playwright/test';
import { STEPS } from '@/lib/checklist/steps.ts';
import { signInAs, useOwnWorkspace } from './fixtures.ts';
import { rawGpt, uploadGpts } from './gpt-files.ts';

const GPT = 'Market research analyst';

test('a reviewer cannot approve the trifecta GPT: the page says why and the server refuses a forged POST', async ({
  page,
}) => {
  await signInAs(page, 'reviewer', '/reviews');
  const row = page.getByRole('region', { name: 'Review queue table' }).getByRole('row', { name: new RegExp(GPT) });
  await expect(row.getByText('Custom GPT')).toBeVisible();
  await row.getByRole('link', { name: GPT }).click();
  await expect(page.getByRole('heading', { name: `Review: ${GPT}` })).toBeVisible();
  const reviewUrl = page.url();

  const why = page.getByRole('note', { name: 'Why approval is refused' });
  await expect(why).toContainText('risk state: exposed');
  await expect(page.getByRole('region', { name: 'GPT policy and use case' })).toBeVisible();
  // A GPT has no connectors: no empty action map of them.
  await expect(page.getByRole('heading', { name: 'Action map against the approval policy' })).toHaveCount(0);

  // The reviewer insists: approve, every checklist step confirmed. The server refuses with the same reason.
  const form = page.getByRole('form', { name: 'Decide' });
  await form.getByRole('radio', { name: 'Approve' }).check();
  for (const step of await form.getByRole('checkbox', { name: /^Step \d+:/ }).all()) await step.check();
  await form.getByLabel('Reason').fill('Marketing needs it this week.');
  const [sent] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && Boolean(r.headers()['next-action'])),
    form.getByRole('button', { name: 'Approve this configuration' }).click(),
  ]);
  await expect(form.getByRole('alert')).toContainText('Approval refused');
  await expect(form.getByRole('alert')).toContainText('risk state: exposed');

  // The same action, posted by hand with the page's session: no UI in the way, still refused.
  const headers = await sent.allHeaders();
  const forged = await page.request.fetch(sent.url(), {
    method: 'POST',
    headers: {
      'next-action': headers['next-action']!,
      'content-type': headers['content-type']!,
      origin: new URL(reviewUrl).origin,
      accept: 'text/x-component',
    },
    data: sent.postDataBuffer()!,
  });
  const answer = await forged.text();
  expect(answer).toContain('Approval refused');
  expect(answer).toContain('risk state: exposed');

  await page.goto(reviewUrl);
  await expect(page.getByText('No decision yet on any configuration of this agent.')).toBeVisible();
  await expect(page.getByText('This configuration is in the published register')).toHaveCount(0);
});

test('an admin saves GPT policy versions on a workspace of their own; a reviewer reads them and cannot edit', async ({
  page,
  browser,
  baseURL,
}) => {
  const ws = `ws-gptp${Date.now().toString(36)}`;
  await signInAs(page, 'admin', '/settings');
  await useOwnWorkspace(page, ws);
  await page.goto('/apps');
  await page.getByRole('link', { name: 'GPT policy (3.1)' }).click();
  await expect(page.getByRole('heading', { name: 'In force: the default (no version saved yet)' })).toBeVisible();

  const form = page.getByRole('form', { name: 'GPT policy' });
  await form.getByLabel(/^Allowed action domains/).fill('API.Acme.example.\nnot a domain!');
  await form.getByRole('button', { name: 'Save a new version' }).click();
  await expect(form.getByRole('alert')).toContainText('is not a domain name');

  await form.getByLabel(/^Allowed action domains/).fill('API.Acme.example.');
  await form.getByLabel('Broadest sharing allowed').selectOption('invite_only');
  await form.getByLabel('Why this change (kept with the version)').fill('Only the CRM API for now');
  await form.getByRole('button', { name: 'Save a new version' }).click();
  await expect(form.getByRole('status')).toHaveText('GPT policy saved as version 1; findings re-evaluated.');
  await page.reload();
  await expect(page.getByRole('heading', { name: /^In force: version 1, saved by ada\.admin@/ })).toBeVisible();
  const history = page.getByRole('region', { name: 'GPT policy versions' });
  await expect(
    history.getByRole('row', { name: /Only the CRM API for now api\.acme\.example Invited people/ }),
  ).toBeVisible();

  const context = await browser.newContext({ baseURL });
  await context.addCookies([{ name: 'tollgate_ws', value: ws, url: baseURL! }]);
  const reviewer = await context.newPage();
  await signInAs(reviewer, 'reviewer', '/apps/gpt-policy');
  await expect(reviewer.getByRole('heading', { name: /^In force: version 1/ })).toBeVisible();
  await expect(reviewer.getByRole('form', { name: 'GPT policy' })).toHaveCount(0);
  await context.close();
});

test('an admin approves a GPT; a new configuration arrives; the GPT page shows what changed since approval', async ({
  page,
}) => {
  const run = `gd${Date.now().toString(36)}`;
  const id = `g-${run}`;
  const name = `Claims helper ${run}`;
  await signInAs(page, 'admin', '/');
  await useOwnWorkspace(page, `ws-${run}`);
  await uploadGpts(page, `${run}-1.jsonl`, [rawGpt(id, name, 1, [{ type: 'python' }], 'workspace')]);
  // A workspace of its own has no pre-launch checklist signed: sign every step, as a workspace does before launch.
  for (const step of STEPS) {
    const res = await page.request.post('/api/checklist/signoffs', {
      headers: { origin: new URL(page.url()).origin },
      multipart: { workspaceId: `ws-${run}`, step: String(step.id), note: 'e2e', url: 'https://wiki.acme.example/go' },
    });
    expect(res.status()).toBe(201);
  }

  await page.goto(`/reviews/${id}`);
  await expect(page.getByRole('heading', { name: `Review: ${name}` })).toBeVisible();
  const form = page.getByRole('form', { name: 'Decide' });
  await form.getByRole('radio', { name: 'Approve' }).check();
  for (const step of await form.getByRole('checkbox', { name: /^Step \d+:/ }).all()) await step.check();
  await form.getByLabel('Reason').fill('Code interpreter only: nothing leaves the chat.');
  await form.getByRole('button', { name: 'Approve this configuration' }).click();
  await expect(page.getByText('This configuration is in the published register')).toBeVisible();

  await page.goto(`/agents/${id}`);
  const versions = page.getByRole('region', { name: 'Configuration versions' });
  await expect(versions).toContainText('The GPT still has the approved configuration.');

  // The builder adds web browsing; the admin uploads the GPT as the platform now gives it.
  await uploadGpts(page, `${run}-2.jsonl`, [
    rawGpt(id, name, 2, [{ type: 'python' }, { type: 'browser' }], 'workspace'),
  ]);
  await page.goto(`/agents/${id}`);
  await expect(versions.getByRole('heading', { name: 'Since it was approved' })).toBeVisible();
  await expect(versions).toContainText(`To go back, restore version gcfg-${id}-1`);
  const since = page.getByRole('region', { name: 'Changes since approval' });
  await expect(since.getByRole('row', { name: /capability.*added.*web_browsing/ })).toBeVisible();
  await expect(since.getByRole('row')).toHaveCount(2);

  // The history says it in a GPT's words: its parts when first seen, then what the new configuration changed.
  const history = page.getByRole('region', { name: 'History', exact: true });
  await expect(history).toContainText(
    'First seen, owned by tom.becker@acme.example, with capabilities: Code interpreter and data analysis; ' +
      'actions: none; 0 knowledge files',
  );
  await expect(history).toContainText(
    `Configuration changed (gcfg-${id}-1 → gcfg-${id}-2): capability Web browsing added`,
  );
  await expect(history).not.toContainText('with apps');
});
