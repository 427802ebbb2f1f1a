// Writes of webhook subscriptions and deliveries, each in one transaction with its audit event. The audit records
// the host, never the URL (its path may hold a token) nor the signing secret, which is shown once when made.
import { randomBytes } from 'node:crypto';
import type { Actor } from '@/lib/audit/record.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import type { Db } from '@/lib/db.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { seal } from '@/lib/runtime/secret-box.ts';
import { parseDestination, privateDestinationsAllowed } from './address.ts';
import { attemptDelivery, type DeliverOptions } from './deliver.ts';
import { enqueueTestEvent } from './outbox.ts';
import { SECRET_PURPOSE, URL_PURPOSE } from './purposes.ts';
import { subscriptionInput, type SubscriptionInput } from './schemas.ts';

/** How long a delivery this request attempts itself is kept from the delivery job (as its lease). */
const CLAIM_MS = 5 * 60_000;

export const newSigningSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

function checkUrl(value: string): URL {
  const url = parseDestination(value.trim(), privateDestinationsAllowed());
  if (typeof url === 'string') throw new AppError('unprocessable', url);
  return url;
}

function valid(input: SubscriptionInput): SubscriptionInput {
  const parsed = subscriptionInput.safeParse(input);
  if (!parsed.success) throw new AppError('unprocessable', parsed.error.issues[0]?.message ?? 'Invalid subscription.');
  return parsed.data;
}

const described = (s: SubscriptionInput, host: string) => ({
  host,
  eventTypes: s.eventTypes,
  format: s.format,
  minSeverity: s.minSeverity,
  enabled: s.enabled,
  description: s.description,
});

/** Creates a subscription; answers its id and signing secret (shown once, then only sealed). */
export async function createSubscription(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: SubscriptionInput & { url: string },
  secretKey: string,
  auditAction = 'webhook.subscription.create',
) {
  const s = valid(input);
  const url = checkUrl(input.url);
  const secret = newSigningSecret();
  const id = await db.$transaction(async (tx) => {
    const row = await tx.webhookSubscription.create({
      data: {
        workspaceId,
        ...s,
        urlCiphertext: seal(secretKey, URL_PURPOSE, url.href),
        urlHost: url.host,
        secretCiphertext: seal(secretKey, SECRET_PURPOSE, secret),
        createdBy: actor.label,
        updatedBy: actor.label,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: auditAction,
      targetType: 'webhook_subscription',
      targetId: row.id,
      workspaceId,
      diff: described(s, url.host),
    });
    return row.id;
  });
  return { id, secret };
}

/** Changes a subscription; a new URL only when one is given (the stored one is never shown). */
export async function updateSubscription(
  db: Db,
  actor: Actor,
  workspaceId: string,
  id: string,
  input: SubscriptionInput & { url?: string },
  secretKey: string,
  auditAction = 'webhook.subscription.update',
) {
  const s = valid(input);
  const url = input.url?.trim() ? checkUrl(input.url) : null;
  await db.$transaction(async (tx) => {
    const existing = await tx.webhookSubscription.findFirst({ where: { id, workspaceId }, select: { urlHost: true } });
    if (!existing) throw new AppError('not_found', 'No such webhook subscription in this workspace.');
    await tx.webhookSubscription.update({
      where: { id },
      data: {
        ...s,
        ...(url ? { urlCiphertext: seal(secretKey, URL_PURPOSE, url.href), urlHost: url.host } : {}),
        updatedBy: actor.label,
        updatedAt: new Date(),
      },
    });
    await recordAudit(tx, actor, {
      action: auditAction,
      targetType: 'webhook_subscription',
      targetId: id,
      workspaceId,
      diff: { ...described(s, url?.host ?? existing.urlHost), urlChanged: Boolean(url) },
    });
  });
}

export async function deleteSubscription(db: Db, actor: Actor, workspaceId: string, id: string) {
  await db.$transaction(async (tx) => {
    const existing = await tx.webhookSubscription.findFirst({ where: { id, workspaceId }, select: { urlHost: true } });
    if (!existing) throw new AppError('not_found', 'No such webhook subscription in this workspace.');
    await tx.webhookSubscription.delete({ where: { id } });
    await recordAudit(tx, actor, {
      action: 'webhook.subscription.delete',
      targetType: 'webhook_subscription',
      targetId: id,
      workspaceId,
      diff: { host: existing.urlHost },
    });
  });
}

/** A new signing secret (the old one stops at once); answered once. */
export async function rotateSecret(db: Db, actor: Actor, workspaceId: string, id: string, secretKey: string) {
  const secret = newSigningSecret();
  await db.$transaction(async (tx) => {
    const { count } = await tx.webhookSubscription.updateMany({
      where: { id, workspaceId },
      data: {
        secretCiphertext: seal(secretKey, SECRET_PURPOSE, secret),
        updatedBy: actor.label,
        updatedAt: new Date(),
      },
    });
    if (count === 0) throw new AppError('not_found', 'No such webhook subscription in this workspace.');
    await recordAudit(tx, actor, {
      action: 'webhook.subscription.rotate_secret',
      targetType: 'webhook_subscription',
      targetId: id,
      workspaceId,
    });
  });
  return secret;
}

/** Redeliver: the same payload under the same delivery id, one more attempt (even after giving up), made at once
 *  by this request (the row is claimed for the lease, so the delivery job leaves it alone meanwhile). */
export async function redeliver(
  db: Db,
  actor: Actor,
  workspaceId: string,
  deliveryId: string,
  secretKey: string,
  options: DeliverOptions = {},
) {
  const now = (options.now ?? (() => new Date()))();
  await db.$transaction(async (tx) => {
    const delivery = await tx.webhookDelivery.findFirst({
      where: { id: deliveryId, subscription: { workspaceId } },
      select: { subscriptionId: true, status: true, event: { select: { type: true } } },
    });
    if (!delivery) throw new AppError('not_found', 'No such delivery in this workspace.');
    await tx.webhookDelivery.update({
      where: { id: deliveryId },
      data: { status: 'pending', nextAttemptAt: new Date(now.getTime() + CLAIM_MS) },
    });
    await recordAudit(tx, actor, {
      action: 'webhook.delivery.redeliver',
      targetType: 'webhook_subscription',
      targetId: delivery.subscriptionId,
      workspaceId,
      at: now,
      diff: { deliveryId, event: delivery.event.type, previousStatus: delivery.status },
    });
  });
  return attemptDelivery(db, secretKey, deliveryId, options);
}

/** "Send test event": queued like any other, then tried at once so the page shows the answer. */
export async function sendTestEvent(
  db: Db,
  actor: Actor,
  workspaceId: string,
  subscriptionId: string,
  secretKey: string,
  options: DeliverOptions = {},
) {
  const now = (options.now ?? (() => new Date()))();
  const delivery = await db.$transaction(async (tx) => {
    const sub = await tx.webhookSubscription.findFirst({ where: { id: subscriptionId, workspaceId } });
    if (!sub) throw new AppError('not_found', 'No such webhook subscription in this workspace.');
    const d = await enqueueTestEvent(tx, workspaceId, subscriptionId, now);
    // Claimed by this request: the delivery job leaves it alone until the lease ends.
    await tx.webhookDelivery.update({
      where: { id: d.id },
      data: { nextAttemptAt: new Date(now.getTime() + 300_000) },
    });
    await recordAudit(tx, actor, {
      action: 'webhook.test',
      targetType: 'webhook_subscription',
      targetId: subscriptionId,
      workspaceId,
      at: now,
      diff: { deliveryId: d.id },
    });
    return d;
  });
  const result = await attemptDelivery(db, secretKey, delivery.id, options);
  return { deliveryId: delivery.id, result };
}
