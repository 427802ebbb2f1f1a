// A custom GPT through the publish review: the demo's trifecta GPT (browsing, memory and knowledge files, read from
// the simulated Compliance API by the demo's scheduled read) sits in the same queue as agents; its review says why
// approval is refused, the form's approval is refused, and a forged POST of the same server action — sent outside
// the page — is refused by the server too, leaving no decision behind.
import { expect, test } from '@playwright/test';
import { signInAs } from './fixtures.ts';

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
