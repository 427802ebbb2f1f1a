'use server';
// Alerts: triage (status, assignee, note) from the inbox and the alert page.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorize } from '../auth/authorize.ts';
import { db } from '../db.ts';
import { actionResult, type ActionResult } from '../http/action.ts';
import { AppError } from '../http/app-error.ts';
import { ALERT_STATUSES } from './filter.ts';
import { triageAlert } from './service.ts';
import { saveWebhook } from './notify.ts';
import { ConfigError } from '../runtime/config-error.ts';

const triageSchema = z.object({
  workspaceId: z.string().min(1),
  alertId: z.string().min(1),
  status: z.enum(ALERT_STATUSES).optional(),
  assignee: z.string().trim().max(320).optional(),
  note: z.string().max(4000).optional(),
});

export async function triageAlertAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('alerts:triage');
    const parsed = triageSchema.safeParse({
      workspaceId: formData.get('workspaceId'), alertId: formData.get('alertId'),
      status: formData.get('status') || undefined, assignee: formData.has('assignee') ? String(formData.get('assignee')) : undefined, note: (formData.get('note') as string | null) || undefined,
    });
    if (!parsed.success) throw new AppError('unprocessable', parsed.error.issues.map((i) => i.message).join(' '));
    const { workspaceId, alertId, ...change } = parsed.data;
    await triageAlert(db(), actor, workspaceId, alertId, change);
    revalidatePath('/alerts');
    revalidatePath(`/alerts/${alertId}`);
    return { message: 'Saved.' };
  });
}

const webhookSchema = z.object({
  workspaceId: z.string().min(1),
  url: z.string().trim().max(2000).optional(),
  minSeverity: z.string(),
  enabled: z.boolean(),
});

export async function saveWebhookAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('settings:write');
    const parsed = webhookSchema.safeParse({ workspaceId: formData.get('workspaceId'), url: (formData.get('url') as string | null) || undefined, minSeverity: formData.get('minSeverity'), enabled: formData.get('enabled') === 'on' });
    if (!parsed.success) throw new AppError('unprocessable', parsed.error.issues.map((i) => i.message).join(' '));
    const secretKey = process.env.TOLLGATE_SECRET_KEY;
    if (!secretKey) throw new ConfigError('TOLLGATE_SECRET_KEY', 'is not set; start Tollgate with `npm start`, which sets it');
    const { workspaceId, ...input } = parsed.data;
    await saveWebhook(db(), actor, workspaceId, input, secretKey);
    revalidatePath('/alerts');
    return { message: 'Notifications saved; the webhook URL is stored encrypted and will not be shown again.' };
  });
}
