// The outbox: an event is written in the transaction of the change that causes it, with one delivery row per
// subscription that wants it, so a rolled-back change sends nothing and a committed one is sent by the delivery
// job (deliver.ts) even if this process stops right after. Nothing is written when no subscription listens.
import { randomUUID } from 'node:crypto';
import type { Tx } from '@/lib/db.ts';
import { SEVERITIES } from '@/lib/alerts/filter.ts';
import type { WebhookEventInput } from './events.ts';

const rank = (severity: unknown) => SEVERITIES.length - (SEVERITIES as readonly unknown[]).indexOf(severity);
type Listener = { id: string; eventTypes: string[]; minSeverity: string | null };

function wants(s: Listener, e: WebhookEventInput): boolean {
  if (!s.eventTypes.includes(e.type)) return false;
  if (e.type !== 'alert.raised' || !s.minSeverity) return true;
  return rank(e.data.severity) >= rank(s.minSeverity);
}

/** Queues events for every enabled subscription of the workspace that wants them; returns the deliveries made. */
export async function enqueueWebhookEvent(
  tx: Tx,
  workspaceId: string,
  events: WebhookEventInput | WebhookEventInput[],
  now: Date,
): Promise<number> {
  const list = Array.isArray(events) ? events : [events];
  if (list.length === 0) return 0;
  const listeners = await tx.webhookSubscription.findMany({
    where: { workspaceId, enabled: true, eventTypes: { hasSome: [...new Set(list.map((e) => e.type))] } },
    select: { id: true, eventTypes: true, minSeverity: true },
  });
  return queue(tx, workspaceId, list, listeners, now);
}

/** "Send test event": one event for one subscription, whatever it subscribes to. */
export async function enqueueTestEvent(tx: Tx, workspaceId: string, subscriptionId: string, now: Date) {
  const event = { type: 'webhook.test' as const, subjectId: subscriptionId, data: { subscription_id: subscriptionId } };
  const id = randomUUID();
  await tx.webhookEvent.create({ data: { id, workspaceId, ...event, occurredAt: now } });
  return tx.webhookDelivery.create({ data: { subscriptionId, eventId: id, nextAttemptAt: now }, select: { id: true } });
}

async function queue(tx: Tx, workspaceId: string, list: WebhookEventInput[], listeners: Listener[], now: Date) {
  if (listeners.length === 0) return 0;
  const events: { id: string; workspaceId: string; type: string; subjectId: string; data: object; occurredAt: Date }[] =
    [];
  const deliveries: { subscriptionId: string; eventId: string; nextAttemptAt: Date }[] = [];
  for (const e of list) {
    const targets = listeners.filter((s) => wants(s, e));
    if (targets.length === 0) continue;
    const id = randomUUID();
    events.push({ id, workspaceId, type: e.type, subjectId: e.subjectId, data: e.data, occurredAt: now });
    for (const s of targets) deliveries.push({ subscriptionId: s.id, eventId: id, nextAttemptAt: now });
  }
  if (events.length === 0) return 0;
  await tx.webhookEvent.createMany({ data: events });
  await tx.webhookDelivery.createMany({ data: deliveries });
  return deliveries.length;
}
