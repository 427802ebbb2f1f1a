'use server';
// Settings → Webhooks: subscriptions (the signing secret answered once), redelivery and the test event.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { formAction } from '@/lib/http/form-action.ts';
import { field } from '@/lib/http/form-data.ts';
import { ConfigError } from '@/lib/runtime/config-error.ts';
import { SEVERITIES } from '@/lib/alerts/filter.ts';
import { WEBHOOK_EVENT_TYPES, WEBHOOK_FORMATS } from './events.ts';
import {
  createSubscription,
  deleteSubscription,
  redeliver,
  rotateSecret,
  sendTestEvent,
  updateSubscription,
} from './service.ts';

function secretKey(): string {
  const key = process.env.TOLLGATE_SECRET_KEY;
  if (!key) throw new ConfigError('TOLLGATE_SECRET_KEY', 'is not set; start Tollgate with `npm start`, which sets it');
  return key;
}

const ids = { workspaceId: field.id('Unknown workspace.') };
const settings = z.object({
  ...ids,
  url: field.optionalText().pipe(z.string().trim().max(2000, 'The URL is too long.').optional()),
  eventTypes: field.list().pipe(z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1, 'Choose at least one event.')),
  format: z.enum(WEBHOOK_FORMATS, { error: 'Choose a format.' }),
  minSeverity: z.preprocess((v) => v || null, z.enum(SEVERITIES).nullable()),
  enabled: field.checkbox(),
  description: field.text().pipe(z.string().trim().max(200, 'Description: at most 200 characters.')),
});

export type CreatedWebhook = { id: string; secret: string };

export const createWebhookAction = formAction('settings:write', settings, async ({ actor, db, input }) => {
  const { workspaceId, url, ...rest } = input;
  if (!url) return { message: 'The destination URL is required.' };
  const created = await createSubscription(db, actor, workspaceId, { ...rest, url }, secretKey());
  revalidatePath('/settings/webhooks');
  const data: CreatedWebhook = created;
  return { data, message: 'Subscription created. Copy its signing secret now: it is not shown again.' };
});

export const updateWebhookAction = formAction(
  'settings:write',
  settings.extend({ subscriptionId: field.id('Unknown subscription.') }),
  async ({ actor, db, input }) => {
    const { workspaceId, subscriptionId, ...rest } = input;
    await updateSubscription(db, actor, workspaceId, subscriptionId, rest, secretKey());
    revalidatePath('/settings/webhooks');
    return { message: 'Saved. The destination URL is stored encrypted and is not shown again.' };
  },
);

const one = z.object({ ...ids, subscriptionId: field.id('Unknown subscription.') });

export const deleteWebhookAction = formAction('settings:write', one, async ({ actor, db, input }) => {
  await deleteSubscription(db, actor, input.workspaceId, input.subscriptionId);
  revalidatePath('/settings/webhooks');
  return { message: 'Subscription deleted, with its delivery log.' };
});

export const rotateWebhookSecretAction = formAction('settings:write', one, async ({ actor, db, input }) => {
  const secret = await rotateSecret(db, actor, input.workspaceId, input.subscriptionId, secretKey());
  revalidatePath(`/settings/webhooks/${input.subscriptionId}`);
  const data: CreatedWebhook = { id: input.subscriptionId, secret };
  return { data, message: 'New signing secret: copy it now. The old one no longer signs deliveries.' };
});

export const sendTestWebhookAction = formAction('settings:write', one, async ({ actor, db, input }) => {
  const { result } = await sendTestEvent(db, actor, input.workspaceId, input.subscriptionId, secretKey());
  revalidatePath(`/settings/webhooks/${input.subscriptionId}`);
  return {
    message:
      result === 'sent'
        ? 'Test event delivered.'
        : 'The test event was not accepted: see the delivery log for the answer.',
  };
});

export const redeliverWebhookAction = formAction(
  'settings:write',
  z.object({ ...ids, deliveryId: field.id('Unknown delivery.'), subscriptionId: field.id('Unknown subscription.') }),
  async ({ actor, db, input }) => {
    const result = await redeliver(db, actor, input.workspaceId, input.deliveryId, secretKey(), {
      appUrl: process.env.AUTH_URL,
    });
    revalidatePath(`/settings/webhooks/${input.subscriptionId}`);
    return {
      message:
        result === 'sent'
          ? 'Redelivered under the same delivery id.'
          : 'Redelivery not accepted: see the delivery log; it is retried with back-off.',
    };
  },
);
