// Alert notifications against a real PostgreSQL and a local webhook: severity threshold, Slack-compatible
// JSON, retries with back-off after a failure, and a visible failure after the last attempt. The alert webhook is
// now a webhook subscription (lib/webhooks); the local receiver needs TOLLGATE_WEBHOOK_ALLOW_PRIVATE.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { deliverDue } from '@/lib/webhooks/deliver.ts';
import { MAX_ATTEMPTS, queueDeliveries, saveWebhook } from './notify.ts';

const actor = { id: null, label: 'admin@acme.example', role: 'admin' };
const KEY = 'secret-key';
let db: Db;
let server: http.Server;
let hookUrl: string;
const received: { path: string; body: unknown }[] = [];
let failNext = 0;

beforeAll(async () => {
  process.env.TOLLGATE_WEBHOOK_ALLOW_PRIVATE = '1';
  db = createDb(await createTestDatabase('notify'));
  await createWorkspace(db, actor, { id: 'ws-n', name: 'N', kind: 'workspace', principal: 'p-n' });
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (failNext > 0) {
        failNext--;
        return res.writeHead(503).end('try later');
      }
      received.push({ path: req.url!, body: JSON.parse(body) });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T000/B000/secretpath`;
});
afterAll(async () => {
  server.close();
  await db.$disconnect();
});

async function raise(key: string, severity: string, now: Date) {
  await db.alert.create({
    data: {
      workspaceId: 'ws-n',
      key,
      ruleId: 'r',
      title: 'Connector newly granted',
      severity,
      agentId: 'a1',
      eventIds: [key],
      message: `${key} happened.`,
      at: now,
    },
  });
  return db.$transaction((tx) => queueDeliveries(tx, 'ws-n', [{ key, severity }], now));
}

describe('alert notifications', () => {
  it('refuses a non-https URL, seals the URL and shows only its host', async () => {
    await expect(
      saveWebhook(db, actor, 'ws-n', { url: 'http://hooks.example.com/x', minSeverity: 'high', enabled: true }, KEY),
    ).rejects.toThrow('must be https');
    await saveWebhook(db, actor, 'ws-n', { url: hookUrl, minSeverity: 'high', enabled: true }, KEY);
    const hook = await db.webhookSubscription.findFirstOrThrow({ where: { workspaceId: 'ws-n' } });
    expect(hook).toMatchObject({ format: 'slack', eventTypes: ['alert.raised', 'exception.expiring'] });
    expect(hook.urlCiphertext).not.toContain('secretpath');
    expect(hook.urlHost).toBe(new URL(hookUrl).host);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'webhook.subscription.create' } });
    expect(JSON.stringify(audit.diff)).not.toContain('secretpath');
  });

  it('sends alerts at or above the threshold as Slack-compatible JSON, retrying after a failure', async () => {
    let now = new Date('2026-11-20T10:00:00Z');
    expect(await raise('k-medium', 'medium', now)).toBe(0);
    expect(await raise('k-critical', 'critical', now)).toBe(1);
    failNext = 1;
    expect(await deliverDue(db, KEY, { appUrl: 'https://tollgate.example', now: () => now })).toEqual({
      sent: 0,
      retried: 1,
      failed: 0,
    });
    expect(await db.webhookDelivery.findFirstOrThrow()).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'HTTP 503: try later',
    });
    expect(await deliverDue(db, KEY, { now: () => now })).toEqual({ sent: 0, retried: 0, failed: 0 }); // not due yet
    now = new Date(now.getTime() + 61_000);
    expect(await deliverDue(db, KEY, { appUrl: 'https://tollgate.example', now: () => now })).toEqual({
      sent: 1,
      retried: 0,
      failed: 0,
    });
    expect(received).toEqual([
      {
        path: '/services/T000/B000/secretpath',
        body: {
          text: expect.stringMatching(
            new RegExp(
              '^\\[CRITICAL\\] Connector newly granted: k-critical happened\\. ' +
                '<https://tollgate\\.example/alerts/\\w+\\|Open in Tollgate>$',
            ),
          ),
        },
      },
    ]);
  });

  it('edits the same subscription from the Alerts form, keeping the URL when none is given', async () => {
    const before = await db.webhookSubscription.findFirstOrThrow({ where: { workspaceId: 'ws-n' } });
    await saveWebhook(db, actor, 'ws-n', { minSeverity: 'critical', enabled: false }, KEY);
    const after = await db.webhookSubscription.findMany({ where: { workspaceId: 'ws-n' } });
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: before.id, minSeverity: 'critical', enabled: false });
    expect(after[0]!.urlCiphertext).toBe(before.urlCiphertext);
    await saveWebhook(db, actor, 'ws-n', { minSeverity: 'high', enabled: true }, KEY);
  });

  it('gives up after the last attempt and keeps the error visible', async () => {
    let now = new Date('2026-11-21T10:00:00Z');
    await raise('k-high', 'high', now);
    failNext = MAX_ATTEMPTS;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await deliverDue(db, KEY, { now: () => now });
      now = new Date(now.getTime() + 61 * 60_000);
    }
    const alert = await db.alert.findFirstOrThrow({ where: { key: 'k-high' } });
    expect(await db.webhookDelivery.findFirstOrThrow({ where: { event: { subjectId: alert.id } } })).toMatchObject({
      status: 'failed',
      attempts: MAX_ATTEMPTS,
      lastError: 'HTTP 503: try later',
    });
  });
});
