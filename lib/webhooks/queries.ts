// Reads of webhook subscriptions and their delivery log. Plain DTOs: never a sealed URL or secret.
import type { Db } from '@/lib/db.ts';

const SUBSCRIPTION = {
  id: true,
  urlHost: true,
  format: true,
  eventTypes: true,
  minSeverity: true,
  enabled: true,
  description: true,
  createdBy: true,
  createdAt: true,
  updatedBy: true,
  updatedAt: true,
  secretCiphertext: true,
} as const;

type Row = { secretCiphertext: string | null } & Record<string, unknown>;
const withoutSecret = <R extends Row>({ secretCiphertext, ...rest }: R) => ({
  ...rest,
  hasSecret: secretCiphertext !== null,
});

export async function listSubscriptions(db: Db, workspaceId: string) {
  const rows = await db.webhookSubscription.findMany({
    where: { workspaceId },
    orderBy: { createdAt: 'asc' },
    select: { ...SUBSCRIPTION, _count: { select: { deliveries: { where: { status: 'failed' } } } } },
  });
  return rows.map(({ _count, ...r }) => ({ ...withoutSecret(r), failed: _count.deliveries }));
}

export async function getSubscription(db: Db, workspaceId: string, id: string) {
  const row = await db.webhookSubscription.findFirst({ where: { id, workspaceId }, select: SUBSCRIPTION });
  return row ? withoutSecret(row) : null;
}

export const DELIVERY_LOG_SIZE = 50;

/** A subscription's latest deliveries, newest first. */
export function deliveryLog(db: Db, subscriptionId: string, take = DELIVERY_LOG_SIZE) {
  return db.webhookDelivery.findMany({
    where: { subscriptionId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
    select: {
      id: true,
      status: true,
      attempts: true,
      nextAttemptAt: true,
      lastAttemptAt: true,
      lastDurationMs: true,
      lastStatus: true,
      lastError: true,
      sentAt: true,
      createdAt: true,
      event: { select: { id: true, type: true, subjectId: true } },
    },
  });
}

/** The subscription the Alerts page's quick form edits: the oldest Slack-format one that receives alerts. */
export function alertChannel(db: Db, workspaceId: string) {
  return db.webhookSubscription.findFirst({
    where: { workspaceId, format: 'slack', eventTypes: { has: 'alert.raised' } },
    orderBy: { createdAt: 'asc' },
    select: { id: true, urlHost: true, urlCiphertext: true, minSeverity: true, enabled: true, eventTypes: true },
  });
}

/** The latest deliveries of alerts in a workspace (the Alerts page's Notifications panel). */
export function alertDeliveries(db: Db, workspaceId: string, take = 10) {
  return db.webhookDelivery.findMany({
    where: { event: { workspaceId, type: 'alert.raised' } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
    select: {
      id: true,
      status: true,
      attempts: true,
      lastError: true,
      nextAttemptAt: true,
      sentAt: true,
      subscription: { select: { urlHost: true } },
      event: { select: { subjectId: true } },
    },
  });
}

/** How one alert's webhook delivery went (the first subscription's, when several received it). */
export function alertDelivery(db: Db, alertId: string) {
  return db.webhookDelivery.findFirst({
    where: { event: { type: 'alert.raised', subjectId: alertId } },
    orderBy: { createdAt: 'asc' },
    select: { status: true, attempts: true, lastError: true, sentAt: true },
  });
}
