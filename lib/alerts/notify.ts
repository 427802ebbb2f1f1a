// Alert notifications, now one case of the outgoing webhooks (lib/webhooks/): new alerts are queued as
// alert.raised events in the same transaction that raises them, and the delivery job sends them to every
// subscription that wants them (at or above its minimum severity), retrying with back-off. The Alerts page keeps
// its quick form for the workspace's Slack alert webhook, which is the subscription `alertChannel` finds.
import type { Actor } from '@/lib/audit/record.ts';
import type { Db, Tx } from '@/lib/db.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { parseDestination, privateDestinationsAllowed } from '@/lib/webhooks/address.ts';
import { alertEvent, isEventType } from '@/lib/webhooks/events.ts';
import { enqueueWebhookEvent } from '@/lib/webhooks/outbox.ts';
import { URL_PURPOSE } from '@/lib/webhooks/purposes.ts';
import { alertChannel } from '@/lib/webhooks/queries.ts';
import { createSubscription, updateSubscription } from '@/lib/webhooks/service.ts';
import { SEVERITIES } from './filter.ts';

export const WEBHOOK_PURPOSE = URL_PURPOSE;
export { MAX_ATTEMPTS } from '@/lib/webhooks/deliver.ts';
/** What the quick form's subscription receives: alerts, and the CAB exception notices it always carried. */
const ALERT_CHANNEL_EVENTS = ['alert.raised', 'exception.expiring'] as const;

export function checkWebhookUrl(value: string): URL {
  const url = parseDestination(value, privateDestinationsAllowed());
  if (typeof url === 'string') throw new AppError('unprocessable', url);
  return url;
}

/** The Alerts page's form: creates or changes the workspace's Slack alert webhook subscription. */
export async function saveWebhook(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: { url?: string; minSeverity: string; enabled: boolean },
  secretKey: string,
) {
  const minSeverity = SEVERITIES.find((s) => s === input.minSeverity);
  if (!minSeverity) throw new AppError('unprocessable', `Minimum severity must be one of ${SEVERITIES.join(', ')}.`);
  const url = input.url?.trim() ? checkWebhookUrl(input.url.trim()).href : undefined;
  const existing = await alertChannel(db, workspaceId);
  const settings = { format: 'slack' as const, minSeverity, enabled: input.enabled };
  if (!existing) {
    if (!url) throw new AppError('unprocessable', 'The webhook URL is required.');
    const eventTypes = [...ALERT_CHANNEL_EVENTS];
    const description = 'Alert webhook (Alerts → Notifications)';
    await createSubscription(db, actor, workspaceId, { ...settings, eventTypes, description, url }, secretKey);
    return;
  }
  const current = await db.webhookSubscription.findUniqueOrThrow({
    where: { id: existing.id },
    select: { eventTypes: true, description: true },
  });
  await updateSubscription(
    db,
    actor,
    workspaceId,
    existing.id,
    { ...settings, eventTypes: current.eventTypes.filter(isEventType), description: current.description, url },
    secretKey,
  );
}

/** Queues alert.raised events for new alerts (call inside the transaction that creates them); answers how many
 *  deliveries were queued. */
export async function queueDeliveries(
  tx: Tx,
  workspaceId: string,
  alerts: { key: string; severity: string }[],
  now: Date,
) {
  if (alerts.length === 0) return 0;
  const listening = await tx.webhookSubscription.count({
    where: { workspaceId, enabled: true, eventTypes: { has: 'alert.raised' } },
  });
  if (listening === 0) return 0;
  const rows = await tx.alert.findMany({
    where: { workspaceId, key: { in: alerts.map((a) => a.key) } },
    select: { id: true, ruleId: true, severity: true, title: true, message: true, agentId: true, at: true },
  });
  return enqueueWebhookEvent(tx, workspaceId, rows.map(alertEvent), now);
}
