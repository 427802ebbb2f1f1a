// Webhooks end to end: an admin adds a subscription in Settings → Webhooks (its signing secret shown once), sends
// a test event that a local receiver gets signed, sees it in the delivery log, and redelivers it under the same
// delivery id. The server runs with TOLLGATE_WEBHOOK_ALLOW_PRIVATE=1 (playwright.config.ts): the receiver is local.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { verifyWebhookSignature } from '@/lib/webhooks/signature.ts';
import { seriousViolations } from './axe.ts';
import { signInAs, useOwnWorkspace } from './fixtures.ts';
import { shot } from './shots.ts';

type Got = { headers: http.IncomingHttpHeaders; body: string };
const received: Got[] = [];
let server: http.Server;
let port = 0;

test.beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as AddressInfo).port;
});
test.afterAll(() => server.close());

test('an admin subscribes a receiver, sends a signed test event, sees it in the log and redelivers it', async ({
  page,
}) => {
  await signInAs(page, 'admin', '/settings');
  await useOwnWorkspace(page, `wh-${Date.now().toString(36)}`);
  await page.goto('/settings/webhooks');
  await expect(page.getByText('No subscription yet')).toBeVisible();

  const form = page.getByRole('form', { name: 'Add a webhook subscription' });
  await form.getByLabel('Destination URL (https)').fill(`http://127.0.0.1:${port}/services/hook-token`);
  await form.getByLabel('Description').fill('E2E SIEM');
  await form.getByRole('checkbox', { name: /finding\.opened/ }).check();
  await form.getByRole('button', { name: 'Add subscription' }).click();
  const secret = ((await form.getByLabel('Signing secret').textContent()) ?? '').trim();
  expect(secret).toMatch(/^whsec_/);
  await page.reload();
  await expect(page.getByText(secret)).toHaveCount(0); // shown once
  const table = page.getByRole('region', { name: 'Webhook subscriptions' });
  await expect(table.getByRole('link', { name: `127.0.0.1:${port}` })).toBeVisible();
  await expect(table).not.toContainText('hook-token');
  await shot(page, 'webhooks-list');
  expect(await seriousViolations(page)).toEqual([]);

  await table.getByRole('link', { name: `127.0.0.1:${port}` }).click();
  await expect(page.getByRole('heading', { name: `Webhook to 127.0.0.1:${port}` })).toBeVisible();
  const test = page.getByRole('form', { name: 'Send a test event' });
  await test.getByRole('button', { name: 'Send test event' }).click();
  await expect(test.getByRole('status')).toHaveText('Test event delivered.');
  expect(received).toHaveLength(1);
  const [first] = received;
  expect(first!.headers['tollgate-event']).toBe('webhook.test');
  const signature = first!.headers['tollgate-signature'] as string;
  expect(verifyWebhookSignature(secret, signature, first!.body, new Date())).toEqual({ ok: true });
  expect(JSON.parse(first!.body)).toMatchObject({ type: 'webhook.test', workspace_id: expect.stringMatching(/^wh-/) });

  await page.reload();
  const log = page.getByRole('region', { name: 'Deliveries' });
  const deliveryId = first!.headers['tollgate-delivery'] as string;
  const row = log.getByRole('row').filter({ hasText: deliveryId });
  await expect(row).toContainText('sent');
  await expect(row).toContainText('1 attempt · HTTP 204');
  await shot(page, 'webhook-subscription');
  expect(await seriousViolations(page)).toEqual([]);

  await row.getByRole('button', { name: 'Redeliver' }).click();
  await expect(row.getByRole('status')).toHaveText('Redelivered under the same delivery id.');
  expect(received).toHaveLength(2);
  expect(received[1]!.headers['tollgate-delivery']).toBe(deliveryId);
  expect(received[1]!.body).toBe(first!.body);
  await page.reload();
  await expect(log.getByRole('row').filter({ hasText: deliveryId })).toContainText('2 attempts · HTTP 204');
});
