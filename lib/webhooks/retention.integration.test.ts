// Settled deliveries older than 90 days go, with events nothing refers to; pending and recent ones stay.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db.ts';
import { createTestDatabase } from '@/test/db.ts';
import { pruneWebhookLog } from './retention.ts';

let db: Db;
beforeAll(async () => {
  db = createDb(await createTestDatabase('whretain'));
  await db.workspace.create({ data: { id: 'ws-r', name: 'R', kind: 'workspace' } });
});
afterAll(() => db.$disconnect());

it('prunes settled deliveries past 90 days and their orphaned events, never a pending one', async () => {
  const now = new Date('2026-12-06T12:00:00Z');
  const old = new Date(now.getTime() - 91 * 86_400_000);
  const sub = await db.webhookSubscription.create({
    data: {
      workspaceId: 'ws-r',
      urlCiphertext: 'x',
      urlHost: 'hooks.example',
      eventTypes: ['alert.raised'],
      format: 'tollgate',
      createdBy: 't',
      updatedBy: 't',
    },
  });
  const event = (subjectId: string, occurredAt: Date) =>
    db.webhookEvent.create({
      data: { workspaceId: 'ws-r', type: 'alert.raised', subjectId, data: {}, occurredAt },
    });
  const [a, b, c] = [await event('a', old), await event('b', old), await event('c', now)];
  const delivery = (eventId: string, status: string, createdAt: Date) =>
    db.webhookDelivery.create({
      data: { subscriptionId: sub.id, eventId, status, nextAttemptAt: createdAt, createdAt },
    });
  await delivery(a.id, 'sent', old);
  await delivery(b.id, 'pending', old);
  await delivery(c.id, 'failed', now);
  expect(await pruneWebhookLog(db, now)).toEqual({ deliveries: 1, events: 1 });
  expect((await db.webhookEvent.findMany({ orderBy: { subjectId: 'asc' } })).map((e) => e.subjectId)).toEqual([
    'b',
    'c',
  ]);
});
