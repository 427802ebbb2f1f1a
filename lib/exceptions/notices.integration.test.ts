// The daily exception notices against a real PostgreSQL and a local webhook: once at 14 days, once at expiry.
// Notices are queued as exception.expiring webhook events and sent by the delivery job (deliverDue).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { saveWebhook } from '@/lib/alerts/notify.ts';
import { deliverDue } from '@/lib/webhooks/deliver.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { sendExceptionNotices } from './notices.ts';

const actor = { id: null, label: 'admin@acme.example', role: 'admin' };
let db: Db;
let server: http.Server;
const texts: string[] = [];

beforeAll(async () => {
  process.env.TOLLGATE_WEBHOOK_ALLOW_PRIVATE = '1'; // the local receiver below
  db = createDb(await createTestDatabase('exc_notices'));
  await createWorkspace(db, actor, { id: 'ws-x', name: 'X', kind: 'workspace', principal: null });
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      texts.push((JSON.parse(body) as { text: string }).text);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  await saveWebhook(
    db,
    actor,
    'ws-x',
    { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, minSeverity: 'high', enabled: true },
    'k',
  );
});
afterAll(async () => {
  server.close();
  await db.$disconnect();
});

describe('exception notices', () => {
  it('announces the review date once within 14 days and the expiry once, audited', async () => {
    const reviewAt = new Date('2026-12-01T00:00:00Z');
    await db.exception.create({
      data: {
        workspaceId: 'ws-x',
        title: 'Slack custom',
        businessCase: 'Posting summaries',
        scopeKind: 'action_control',
        scope: { appId: 'slack', mode: 'custom' },
        findingKeys: ['action-custom:slack'],
        status: 'approved',
        requestedBy: 'r@x',
        requestedAt: new Date('2026-09-05T00:00:00Z'),
        reviewAt,
        decidedBy: 'c@x',
        decidedAt: new Date('2026-09-05T00:00:00Z'),
      },
    });
    expect(await sendExceptionNotices(db, 'k', { now: new Date('2026-11-10T00:00:00Z') })).toEqual({
      notices: 0,
      sent: 0,
    });
    expect(await sendExceptionNotices(db, 'k', { now: new Date('2026-11-20T00:00:00Z') })).toEqual({
      notices: 1,
      sent: 1,
    });
    expect(await sendExceptionNotices(db, 'k', { now: new Date('2026-11-21T00:00:00Z') })).toEqual({
      notices: 0,
      sent: 0,
    });
    expect(await sendExceptionNotices(db, 'k', { now: reviewAt })).toEqual({ notices: 1, sent: 1 });
    expect(await deliverDue(db, 'k', { now: () => reviewAt })).toEqual({ sent: 2, retried: 0, failed: 0 });
    expect(texts).toEqual([
      'CAB exception "Slack custom" reaches its review date on 2026-12-01 ' +
        '(UTC): renew it with a new request, or fix what it covers.',
      'CAB exception "Slack custom" reached its review date 2026-12-01: it has ' +
        'expired and the 1 finding(s) it covered are open again.',
    ]);
    const audit = await db.auditEvent.findMany({
      where: { targetType: 'exception' },
      orderBy: { seq: 'asc' },
      select: { action: true, actorLabel: true },
    });
    expect(audit).toEqual([
      { action: 'exception.review_notice', actorLabel: 'system' },
      { action: 'exception.expired_notice', actorLabel: 'system' },
    ]);
  });
});
