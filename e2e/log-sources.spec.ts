// Compliance Logs through the browser: upload several files, see what was stored, quarantined and repeated.
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { signInAs } from './fixtures.ts';

test('a reviewer uploads log files and sees them stored once, with quarantined lines by number', async ({ page }) => {
  const run = `e2e${Date.now().toString(36)}`;
  const line = (id: string) =>
    JSON.stringify({
      event_id: `${run}-${id}`,
      type: 'CUSTOM_AGENTS_LOG',
      timestamp: '2026-11-01T10:00:00.000000Z',
      principal: { id: 'p-e2e', type: 'CHATGPT_WORKSPACE' },
      event_type: 'AGENT_RUN_CREATED',
      event_details: { agent_id: 'agent-e2e', run_id: `r-${id}` },
    });
  const good = Buffer.from([line('a'), line('b'), line('c')].join('\n'));
  const mixed = gzipSync([line('c'), 'this is not json', line('d')].join('\n'));

  await signInAs(page, 'reviewer', '/alerts/sources');
  await page.getByLabel(/^Compliance Logs files \(/).setInputFiles([
    { name: `${run}-good.jsonl`, mimeType: 'application/octet-stream', buffer: good },
    { name: `${run}-mixed.jsonl.gz`, mimeType: 'application/gzip', buffer: mixed },
  ]);
  await page.getByRole('button', { name: 'Upload and store', exact: true }).click();
  await expect(page.getByText('3 lines · 3 new events · 0 already stored')).toBeVisible();
  await expect(page.getByText('3 lines · 1 new events · 1 already stored · 1 quarantined')).toBeVisible();
  await expect(page.getByText('line 2: not JSON', { exact: false })).toBeVisible();

  // The same bytes again are recognised; nothing is re-read.
  await page
    .getByLabel(/^Compliance Logs files \(/)
    .setInputFiles({ name: `${run}-again.jsonl`, mimeType: 'application/octet-stream', buffer: good });
  await page.getByRole('button', { name: 'Upload and store', exact: true }).click();
  await expect(page.getByText('already ingested: 3 events, nothing new.')).toBeVisible();

  const files = page.getByRole('region', { name: 'Files ingested table' });
  await expect(
    files.getByRole('row', { name: new RegExp(`${run}-again\\.jsonl .*same file as before`) }),
  ).toBeVisible();
  await files
    .getByRole('row', { name: new RegExp(`${run}-mixed`) })
    .getByRole('link', { name: '1' })
    .click();
  await expect(page.getByRole('heading', { name: `Quarantined lines of ${run}-mixed.jsonl.gz` })).toBeVisible();
  await expect(page.getByRole('row', { name: /2 not JSON .*this is not json/ })).toBeVisible();
});

test('an uploaded log raises an alert and shows the agent’s runs', async ({ page }) => {
  const run = `e2e${Date.now().toString(36)}`;
  const principal = '3f0e7c2a-91d4-4b6e-8a57-0c2d9e4b1a66'; // the demo workspace's Compliance API principal
  const ago = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString().replace('Z', '000Z');
  let n = 0;
  const event = (hours: number, eventType: string, details: Record<string, unknown>) =>
    JSON.stringify({
      event_id: `${run}-${++n}`,
      type: 'CUSTOM_AGENTS_LOG',
      timestamp: ago(hours),
      principal: { id: principal, type: 'CHATGPT_WORKSPACE' },
      actor: { type: 'ACCOUNT_USER', user_id: 'u1', user_email: 'lena.berg@acme.example' },
      event_type: eventType,
      event_details: { agent_id: `agent-${run}`, ...details },
    });
  const fields = (connectors: string[]) => ({
    version_id: 'v1',
    agent_fields: {
      name: `Bid desk ${run}`,
      tools: { connectors: connectors.map((c) => ({ connector_id: c, user_approvals: 'never' })) },
    },
  });
  const file = [
    event(24 * 50, 'AGENT_CREATED', fields(['notion'])),
    event(24 * 49, 'AGENT_PUBLISHED', fields(['notion'])),
    event(3, 'AGENT_UPDATED', fields(['notion', 'gmail'])),
    event(2, 'AGENT_RUN_CREATED', {
      run_id: `run-${run}`,
      invoker: {
        type: 'chatgpt',
        is_shared_invocation: false,
        initiator: { kind: 'account_user', display_name: 'Lena Berg' },
      },
    }),
    event(2, 'AGENT_RUN_COMPLETED', { run_id: `run-${run}` }),
  ].join('\n');

  await signInAs(page, 'reviewer', '/alerts/sources');
  await page
    .getByLabel(/^Compliance Logs files \(/)
    .setInputFiles({ name: `${run}.jsonl`, mimeType: 'application/octet-stream', buffer: Buffer.from(file) });
  await page.getByRole('button', { name: 'Upload and store', exact: true }).click();
  await expect(page.getByText('5 lines · 5 new events · 0 already stored')).toBeVisible();

  await page.goto(`/alerts?agent=agent-${run}`);
  const alert = page.getByRole('link', { name: 'Connector newly granted to a workspace agent' });
  // Critical: it newly holds the trifecta; and it was published with no approval in the publish review.
  await expect(
    page
      .getByRole('region', { name: 'Alerts table' })
      .getByRole('row', { name: /Connector newly granted to a workspace agent/ })
      .getByText('critical'),
  ).toBeVisible();
  await expect(
    page
      .getByRole('region', { name: 'Alerts table' })
      .getByRole('row', { name: /Workspace agent published without an approval/ })
      .getByText('critical'),
  ).toBeVisible();
  await alert.click();
  await expect(page.getByText(`gmail granted to Bid desk ${run}: it now holds the lethal trifecta`)).toBeVisible();
  await page.getByRole('link', { name: `Bid desk ${run}` }).click();
  const runs = page.getByRole('region', { name: 'Last runs table' });
  await expect(runs.getByRole('row', { name: /Lena Berg .*completed/ })).toBeVisible();
});

test('the detection rules are listed and export as Sigma YAML for a SIEM', async ({ page }) => {
  await signInAs(page, 'auditor', '/alerts/rules');
  await expect(page.getByRole('heading', { name: /Connector newly granted to a workspace agent/ })).toBeVisible();
  const response = await page.request.get('/api/rules');
  expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="tollgate-rules.yml"/);
  const text = await response.text();
  expect(text.split('\n---\n')).toHaveLength(7); // six rules and the first-use rule's correlation
  expect(text).toContain('event_type: CONNECTOR_CALL_REQUESTED');
});
