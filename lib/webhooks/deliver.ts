// The delivery job (every minute, lib/jobs/scheduler.ts): claims due deliveries one at a time with FOR UPDATE SKIP
// LOCKED, pushing their next attempt a lease ahead, so two instances never send the same one and a delivery
// claimed by a process that died is tried again after the lease. Each attempt is recorded on the row: status,
// attempts, last HTTP status and error, when and how long. A failure is retried with exponential back-off
// (1, 2, 4 … 60 minutes); after MAX_ATTEMPTS the delivery is failed and stays visible in the delivery log.
import type { Db } from '@/lib/db.ts';
import { open } from '@/lib/runtime/secret-box.ts';
import { privateDestinationsAllowed } from './address.ts';
import { renderBody, type StoredWebhookEvent, type WebhookData } from './events.ts';
import { SECRET_PURPOSE, URL_PURPOSE } from './purposes.ts';
import { postWebhook, type SendOutcome } from './send.ts';
import { alertChannel } from './queries.ts';
import { signatureHeader } from './signature.ts';

export const MAX_ATTEMPTS = 8;
const LEASE_MS = 5 * 60_000;

export type DeliverOptions = { appUrl?: string; now?: () => Date; allowPrivate?: boolean; limit?: number };
export type DeliverOutcome = { sent: number; retried: number; failed: number };

export const backoffMs = (attempts: number) => Math.min(60, 2 ** (attempts - 1)) * 60_000;

async function claimNext(db: Db, now: Date): Promise<string | null> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "WebhookDelivery" SET "nextAttemptAt" = ${new Date(now.getTime() + LEASE_MS)}
    WHERE id = (SELECT id FROM "WebhookDelivery" WHERE status = 'pending' AND "nextAttemptAt" <= ${now}
                ORDER BY "nextAttemptAt", id LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id::text`;
  return rows[0]?.id ?? null;
}

/** Sends every due delivery once (at most `limit`); returns what happened. */
export async function deliverDue(db: Db, secretKey: string, options: DeliverOptions = {}): Promise<DeliverOutcome> {
  const now = options.now ?? (() => new Date());
  const outcome = { sent: 0, retried: 0, failed: 0 };
  for (let i = 0; i < (options.limit ?? 100); i++) {
    const id = await claimNext(db, now());
    if (!id) break;
    const result = await attemptDelivery(db, secretKey, id, options);
    if (result !== 'gone') outcome[result]++;
  }
  return outcome;
}

/** One attempt of one delivery (claimed by the caller), its result written on the row. */
export async function attemptDelivery(
  db: Db,
  secretKey: string,
  deliveryId: string,
  options: DeliverOptions = {},
): Promise<keyof DeliverOutcome | 'gone'> {
  const now = options.now ?? (() => new Date());
  const delivery = await db.webhookDelivery.findUnique({
    where: { id: deliveryId },
    include: { subscription: true, event: true },
  });
  if (!delivery) return 'gone'; // its subscription was deleted since the claim
  const { subscription: sub, event } = delivery;
  const stored: StoredWebhookEvent = {
    id: event.id,
    workspaceId: event.workspaceId,
    type: event.type as StoredWebhookEvent['type'],
    subjectId: event.subjectId,
    data: event.data as WebhookData,
    occurredAt: event.occurredAt,
  };
  const startedAt = now();
  let result: SendOutcome;
  if (!sub.enabled) result = { ok: false, status: null, error: 'the subscription is disabled', durationMs: 0 };
  else
    try {
      result = await send(secretKey, sub, stored, delivery.id, now(), options);
    } catch (error) {
      // A secret that no longer opens (TOLLGATE_SECRET_KEY changed): recorded like any failed attempt.
      result = { ok: false, status: null, error: (error as Error).message, durationMs: 0 };
    }
  const attempts = delivery.attempts + 1;
  const last = {
    attempts,
    lastAttemptAt: startedAt,
    lastDurationMs: result.durationMs,
    lastStatus: result.status,
    lastError: result.error,
  };
  if (result.ok) {
    await db.webhookDelivery.updateMany({
      where: { id: deliveryId },
      data: { ...last, status: 'sent', sentAt: now() },
    });
    return 'sent';
  }
  if (attempts >= MAX_ATTEMPTS || !sub.enabled) {
    await db.webhookDelivery.updateMany({ where: { id: deliveryId }, data: { ...last, status: 'failed' } });
    return 'failed';
  }
  const nextAttemptAt = new Date(now().getTime() + backoffMs(attempts));
  await db.webhookDelivery.updateMany({
    where: { id: deliveryId },
    data: { ...last, status: 'pending', nextAttemptAt },
  });
  return 'retried';
}

type Subscription = { format: string; secretCiphertext: string | null; urlCiphertext: string };

/** Renders, signs (when the subscription has a secret) and posts one event. */
async function send(
  secretKey: string,
  sub: Subscription,
  event: StoredWebhookEvent,
  deliveryId: string,
  now: Date,
  options: DeliverOptions,
): Promise<SendOutcome> {
  const body = renderBody(sub.format, event, options.appUrl);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'tollgate-event': event.type,
    'tollgate-delivery': deliveryId,
  };
  if (sub.secretCiphertext)
    headers['tollgate-signature'] = signatureHeader(open(secretKey, SECRET_PURPOSE, sub.secretCiphertext), body, now);
  return postWebhook(open(secretKey, URL_PURPOSE, sub.urlCiphertext), body, headers, {
    allowPrivate: options.allowPrivate ?? privateDestinationsAllowed(),
  });
}

/** Posts one line of text at once to the workspace's alert channel (campaign notices, which are no event type):
 *  answers 'sent', 'no webhook configured' or the error, which the caller records. */
export async function postToAlertChannel(db: Db, secretKey: string, workspaceId: string, text: string) {
  const channel = await alertChannel(db, workspaceId);
  if (!channel?.enabled) return 'no webhook configured';
  const result = await postWebhook(
    open(secretKey, URL_PURPOSE, channel.urlCiphertext),
    JSON.stringify({ text }),
    { 'content-type': 'application/json' },
    { allowPrivate: privateDestinationsAllowed() },
  );
  return result.ok ? 'sent' : (result.error ?? 'failed');
}
