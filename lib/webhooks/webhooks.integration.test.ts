// Outgoing webhooks against a real PostgreSQL and a real local HTTP receiver: signed envelopes the receiver's
// check accepts, back-off then giving up, no redirect followed, private destinations refused at send time unless
// the install allows them, the outbox rolled back with its change, two workers never sending one delivery twice,
// Redeliver and the test event.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { seal } from '@/lib/runtime/secret-box.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { backoffMs, deliverDue, MAX_ATTEMPTS } from './deliver.ts';
import { enqueueWebhookEvent } from './outbox.ts';
import { URL_PURPOSE } from './purposes.ts';
import { createSubscription, redeliver, sendTestEvent } from './service.ts';
import { verifyWebhookSignature } from './signature.ts';
import type { SubscriptionInput } from './schemas.ts';

const actor = { id: null, label: 'admin@acme.example', role: 'admin' };
const KEY = 'secret-key';
const WS = 'ws-hooks';
type Received = { path: string; headers: http.IncomingHttpHeaders; body: string };
let db: Db;
let url: string;
let server: http.Server;
let port: number;
let received: Received[] = [];
let answer: (path: string) => { status: number; headers?: Record<string, string> } = () => ({ status: 204 });

const settings: SubscriptionInput = {
  eventTypes: ['alert.raised', 'finding.opened'],
  format: 'tollgate',
  minSeverity: null,
  enabled: true,
  description: 'SIEM',
};

beforeAll(async () => {
  process.env.TOLLGATE_WEBHOOK_ALLOW_PRIVATE = '1';
  url = await createTestDatabase('webhooks');
  db = createDb(url);
  await createWorkspace(db, actor, { id: WS, name: 'Hooks', kind: 'workspace', principal: null });
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ path: req.url!, headers: req.headers, body });
      const a = answer(req.url!);
      res.writeHead(a.status, a.headers).end('nope');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as AddressInfo).port;
});
beforeEach(async () => {
  received = [];
  answer = () => ({ status: 204 });
  process.env.TOLLGATE_WEBHOOK_ALLOW_PRIVATE = '1';
  // Each test starts with no due deliveries left by another.
  await db.webhookDelivery.updateMany({ where: { status: 'pending' }, data: { status: 'failed' } });
});
afterAll(async () => {
  server.close();
  await db.$disconnect();
});

async function subscribe(path: string, input: Partial<SubscriptionInput> = {}, host = '127.0.0.1') {
  return createSubscription(db, actor, WS, { ...settings, ...input, url: `http://${host}:${port}${path}` }, KEY);
}

const alert = (id: string, severity = 'high') => ({
  type: 'alert.raised' as const,
  subjectId: id,
  data: { alert_id: id, severity, title: 'Connector newly granted', message: `${id} happened` },
});

async function raise(id: string, now: Date, severity = 'high') {
  return db.$transaction((tx) => enqueueWebhookEvent(tx, WS, alert(id, severity), now));
}

describe('webhook deliveries', () => {
  it('posts a signed envelope the receiver verifies; a changed body or an old timestamp is refused', async () => {
    const { id, secret } = await subscribe('/siem');
    const now = new Date();
    expect(await raise('al-1', now)).toBe(1);
    expect(await deliverDue(db, KEY, { now: () => now })).toEqual({ sent: 1, retried: 0, failed: 0 });
    const [got] = received.filter((r) => r.path === '/siem');
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { subscriptionId: id } });
    expect(got!.headers['tollgate-event']).toBe('alert.raised');
    expect(got!.headers['tollgate-delivery']).toBe(delivery.id);
    const envelope = JSON.parse(got!.body);
    expect(envelope).toEqual({
      id: delivery.eventId,
      type: 'alert.raised',
      occurred_at: now.toISOString(),
      workspace_id: WS,
      data: alert('al-1').data,
    });
    expect(envelope.occurred_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const header = got!.headers['tollgate-signature'] as string;
    expect(verifyWebhookSignature(secret, header, got!.body, new Date())).toEqual({ ok: true });
    expect(verifyWebhookSignature(secret, header, got!.body.replace('al-1', 'al-2'), new Date())).toMatchObject({
      reason: 'signature',
    });
    expect(verifyWebhookSignature(secret, header, got!.body, new Date(Date.now() + 10 * 60_000))).toMatchObject({
      reason: 'timestamp',
    });
    expect(delivery).toMatchObject({ status: 'sent', attempts: 1, lastStatus: 204, lastError: null });
    expect(delivery.lastDurationMs).toBeGreaterThanOrEqual(0);
    await db.webhookSubscription.update({ where: { id }, data: { enabled: false } });
  });

  it('sends only the events and severities a subscription asked for', async () => {
    const { id } = await subscribe('/critical', { eventTypes: ['alert.raised'], minSeverity: 'critical' });
    const now = new Date();
    expect(await raise('al-low', now, 'high')).toBe(0);
    await db.$transaction((tx) =>
      enqueueWebhookEvent(tx, WS, { type: 'finding.closed', subjectId: 'f1', data: { finding_id: 'f1' } }, now),
    );
    expect(await raise('al-crit', now, 'critical')).toBe(1);
    await deliverDue(db, KEY, { now: () => now });
    expect(received.map((r) => JSON.parse(r.body).data.alert_id)).toEqual(['al-crit']);
    await db.webhookSubscription.update({ where: { id }, data: { enabled: false } });
  });

  it('retries with exponential back-off, then gives up with the last status and error kept', async () => {
    const { id } = await subscribe('/down', { eventTypes: ['alert.raised'] });
    answer = () => ({ status: 503 });
    let now = new Date('2026-12-01T10:00:00Z');
    await raise('al-down', now);
    const waits: number[] = [];
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      expect(await deliverDue(db, KEY, { now: () => now })).toEqual(
        i < MAX_ATTEMPTS ? { sent: 0, retried: 1, failed: 0 } : { sent: 0, retried: 0, failed: 1 },
      );
      const d = await db.webhookDelivery.findFirstOrThrow({ where: { subscriptionId: id } });
      expect(d.attempts).toBe(i);
      if (i < MAX_ATTEMPTS) {
        waits.push(d.nextAttemptAt.getTime() - now.getTime());
        // Not due before its back-off has passed.
        expect(await deliverDue(db, KEY, { now: () => new Date(d.nextAttemptAt.getTime() - 1) })).toMatchObject({
          retried: 0,
        });
        now = d.nextAttemptAt;
      }
    }
    expect(waits).toEqual(Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => backoffMs(i + 1)));
    expect(waits.slice(0, 3)).toEqual([60_000, 120_000, 240_000]);
    expect(await db.webhookDelivery.findFirstOrThrow({ where: { subscriptionId: id } })).toMatchObject({
      status: 'failed',
      attempts: MAX_ATTEMPTS,
      lastStatus: 503,
      lastError: 'HTTP 503: nope',
    });
    expect(received.filter((r) => r.path === '/down')).toHaveLength(MAX_ATTEMPTS);
    await db.webhookSubscription.update({ where: { id }, data: { enabled: false } });
  });

  it('does not follow a redirect: a 3xx is a failed attempt', async () => {
    const { id } = await subscribe('/moved', { eventTypes: ['alert.raised'] });
    answer = (path) => (path === '/moved' ? { status: 302, headers: { location: '/elsewhere' } } : { status: 204 });
    const now = new Date();
    await raise('al-moved', now);
    expect(await deliverDue(db, KEY, { now: () => now })).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(received.map((r) => r.path)).toEqual(['/moved']);
    expect(await db.webhookDelivery.findFirstOrThrow({ where: { subscriptionId: id } })).toMatchObject({
      lastStatus: 302,
      lastError: 'HTTP 302: redirect not followed',
    });
    await db.webhookSubscription.update({ where: { id }, data: { enabled: false } });
  });

  it('refuses loopback and private destinations at send time unless the install allows them', async () => {
    // https passes the URL check; the address is what is refused, after resolving the name.
    const viaName = await createSubscription(db, actor, WS, { ...settings, url: `https://localhost:${port}/n` }, KEY);
    const viaLiteral = await createSubscription(
      db,
      actor,
      WS,
      { ...settings, url: `https://127.0.0.1:${port}/l` },
      KEY,
    );
    const mapped = await createSubscription(db, actor, WS, { ...settings, url: 'https://[::ffff:7f00:1]/m' }, KEY);
    delete process.env.TOLLGATE_WEBHOOK_ALLOW_PRIVATE;
    const now = new Date();
    expect(await raise('al-private', now)).toBe(3);
    expect(await deliverDue(db, KEY, { now: () => now })).toEqual({ sent: 0, retried: 3, failed: 0 });
    expect(received).toEqual([]);
    const errors = await db.webhookDelivery.findMany({
      where: { subscriptionId: { in: [viaName.id, viaLiteral.id, mapped.id] } },
      select: { subscriptionId: true, lastError: true },
    });
    const byId = new Map(errors.map((e) => [e.subscriptionId, e.lastError]));
    expect(byId.get(viaName.id)).toMatch(/^refused: localhost resolves to (127\.0\.0\.1|::1), a private/);
    expect(byId.get(viaLiteral.id)).toMatch(/^refused: 127\.0\.0\.1 resolves to 127\.0\.0\.1/);
    expect(byId.get(mapped.id)).toMatch(/^refused: \[::ffff:7f00:1\] resolves to ::ffff:7f00:1/);
    // And http to loopback is refused outright without the setting.
    await expect(subscribe('/plain')).rejects.toThrow('must be https');
    for (const s of [viaName, viaLiteral, mapped])
      await db.webhookSubscription.update({ where: { id: s.id }, data: { enabled: false } });
  });

  it('delivers to a loopback name when the install allows private destinations', async () => {
    const { id } = await subscribe('/local', { eventTypes: ['alert.raised'] }, 'localhost');
    const now = new Date();
    await raise('al-local', now);
    // The receiver listens on 127.0.0.1: whichever family localhost names first, the checked set is tried.
    expect(await deliverDue(db, KEY, { now: () => now })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(received.map((r) => r.path)).toEqual(['/local']);
    await db.webhookSubscription.update({ where: { id }, data: { enabled: false } });
  });

  it('sends nothing for a change that rolled back', async () => {
    const { id } = await subscribe('/rollback', { eventTypes: ['alert.raised'] });
    const now = new Date();
    await expect(
      db.$transaction(async (tx) => {
        expect(await enqueueWebhookEvent(tx, WS, alert('al-rolled-back'), now)).toBe(1);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await db.webhookEvent.count({ where: { subjectId: 'al-rolled-back' } })).toBe(0);
    expect(await deliverDue(db, KEY, { now: () => now })).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(received).toEqual([]);
    await db.webhookSubscription.update({ where: { id }, data: { enabled: false } });
  });

  it('lets two workers share the queue without sending any delivery twice', async () => {
    const { id } = await subscribe('/pair', { eventTypes: ['alert.raised'] });
    const now = new Date();
    for (let i = 0; i < 12; i++) await raise(`al-pair-${i}`, now);
    // Two clients, as two Tollgate instances would have.
    const other = createDb(url);
    const [a, b] = await Promise.all([
      deliverDue(db, KEY, { now: () => now }),
      deliverDue(other, KEY, { now: () => now }),
    ]);
    await other.$disconnect();
    expect(a.sent + b.sent).toBe(12);
    const ids = received.map((r) => r.headers['tollgate-delivery']);
    expect(new Set(ids).size).toBe(12);
    expect(ids).toHaveLength(12);
    await db.webhookSubscription.update({ where: { id }, data: { enabled: false } });
  });

  it('redelivers the same payload under the same delivery id, audited; sends a test event at once', async () => {
    const { id, secret } = await subscribe('/again', { eventTypes: ['alert.raised'] });
    const now = new Date();
    await raise('al-again', now);
    await deliverDue(db, KEY, { now: () => now });
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { subscriptionId: id } });
    expect(await redeliver(db, actor, WS, delivery.id, KEY, { now: () => now })).toBe('sent');
    expect(await deliverDue(db, KEY, { now: () => now })).toMatchObject({ sent: 0 }); // not sent twice
    const [first, second] = received;
    expect(second!.headers['tollgate-delivery']).toBe(first!.headers['tollgate-delivery']);
    expect(second!.body).toBe(first!.body);
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'webhook.delivery.redeliver' } });
    expect(audit).toMatchObject({ targetId: id, actorLabel: actor.label });
    await expect(redeliver(db, actor, 'ws-other', delivery.id, KEY)).rejects.toThrow('No such delivery');

    const test = await sendTestEvent(db, actor, WS, id, KEY);
    expect(test.result).toBe('sent');
    const ping = received[2]!;
    expect(ping.headers['tollgate-event']).toBe('webhook.test');
    expect(verifyWebhookSignature(secret, ping.headers['tollgate-signature'] as string, ping.body, new Date())).toEqual(
      {
        ok: true,
      },
    );
    await db.webhookSubscription.update({ where: { id }, data: { enabled: false } });
  });

  it('records a URL that no longer opens as a failed attempt and goes on with the next delivery', async () => {
    const broken = await subscribe('/broken', { eventTypes: ['alert.raised'] });
    const working = await subscribe('/working', { eventTypes: ['alert.raised'] });
    // Sealed under another install key: opening it fails, as after a change of TOLLGATE_SECRET_KEY.
    await db.webhookSubscription.update({
      where: { id: broken.id },
      data: { urlCiphertext: seal('another-key', URL_PURPOSE, 'https://x.example/') },
    });
    const now = new Date();
    await raise('al-broken', now);
    expect(await deliverDue(db, KEY, { now: () => now })).toEqual({ sent: 1, retried: 1, failed: 0 });
    expect(received.map((r) => r.path)).toEqual(['/working']);
    expect(await db.webhookDelivery.findFirstOrThrow({ where: { subscriptionId: broken.id } })).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: expect.stringContaining('cannot decrypt a stored secret'),
    });
    for (const s of [broken, working])
      await db.webhookSubscription.update({ where: { id: s.id }, data: { enabled: false } });
  });

  it('audits subscription changes with the host, never the URL path or the secret', async () => {
    const { id, secret } = await subscribe('/token/s3cr3tpath');
    const row = await db.webhookSubscription.findUniqueOrThrow({ where: { id } });
    expect(row.urlCiphertext).not.toContain('s3cr3tpath');
    expect(row.secretCiphertext).not.toContain(secret);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { targetId: id, action: 'webhook.subscription.create' },
    });
    expect(audit.diff).toMatchObject({ host: `127.0.0.1:${port}`, eventTypes: settings.eventTypes });
    expect(JSON.stringify(audit.diff)).not.toContain('s3cr3tpath');
    expect(JSON.stringify(audit.diff)).not.toContain(secret);
    await db.webhookSubscription.update({ where: { id }, data: { enabled: false } });
  });
});
