// The delivery log is kept 90 days: settled deliveries (sent or given up) older than that are deleted by the daily
// housekeeping, then events no delivery refers to any more. Pending ones are never pruned, however old.
import type { Db } from '@/lib/db.ts';

export const DELIVERY_LOG_DAYS = 90;

export async function pruneWebhookLog(db: Db, now = new Date()): Promise<{ deliveries: number; events: number }> {
  const before = new Date(now.getTime() - DELIVERY_LOG_DAYS * 86_400_000);
  const deliveries = await db.webhookDelivery.deleteMany({
    where: { status: { in: ['sent', 'failed'] }, createdAt: { lt: before } },
  });
  const events = await db.webhookEvent.deleteMany({ where: { occurredAt: { lt: before }, deliveries: { none: {} } } });
  return { deliveries: deliveries.count, events: events.count };
}
