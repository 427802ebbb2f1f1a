'use server';
// Alerts: triage (status, assignee, note) from the inbox and the alert page.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { formAction } from '@/lib/http/form-action.ts';
import { field } from '@/lib/http/form-data.ts';
import { ALERT_STATUSES } from './filter.ts';
import { triageAlert } from './service.ts';
import { saveWebhook } from './notify.ts';
import { ConfigError } from '@/lib/runtime/config-error.ts';

// An empty select or note means "unchanged"; a sent assignee (even empty, "unassign") is a change.
const emptyAsUnset = (v: unknown) => v || undefined;
const triageSchema = z.object({
  workspaceId: z.string().min(1),
  alertId: z.string().min(1),
  status: z.preprocess(emptyAsUnset, z.enum(ALERT_STATUSES).optional()),
  assignee: z.string().trim().max(320).optional(),
  note: z.preprocess(emptyAsUnset, z.string().max(4000).optional()),
});

export const triageAlertAction = formAction('alerts:triage', triageSchema, async ({ actor, db, input }) => {
  const { workspaceId, alertId, ...change } = input;
  await triageAlert(db, actor, workspaceId, alertId, change);
  revalidatePath('/alerts');
  revalidatePath(`/alerts/${alertId}`);
  return { message: 'Saved.' };
});

const webhookSchema = z.object({
  workspaceId: z.string().min(1),
  url: z.preprocess(emptyAsUnset, z.string().trim().max(2000).optional()),
  minSeverity: z.string(),
  enabled: field.checkbox(),
});

export const saveWebhookAction = formAction('settings:write', webhookSchema, async ({ actor, db, input }) => {
  const secretKey = process.env.TOLLGATE_SECRET_KEY;
  if (!secretKey)
    throw new ConfigError('TOLLGATE_SECRET_KEY', 'is not set; start Tollgate with `npm start`, which sets it');
  const { workspaceId, ...webhook } = input;
  await saveWebhook(db, actor, workspaceId, webhook, secretKey);
  revalidatePath('/alerts');
  return { message: 'Notifications saved; the webhook URL is stored encrypted and will not be shown again.' };
});
