'use server';
// Alerts → Sources: the Compliance API source of the current workspace.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorize } from '../auth/authorize.ts';
import { db } from '../db.ts';
import { actionResult, type ActionResult } from '../http/action.ts';
import { AppError } from '../http/app-error.ts';
import { ConfigError } from '../runtime/config-error.ts';
import { purgeContent, setRetention } from './retention.ts';
import { saveComplianceSource } from './sources.ts';

const sourceSchema = z.object({
  workspaceId: z.string().min(1),
  baseUrl: z.string().trim().min(1, 'Base URL is required.'),
  logTypes: z.array(z.string()).min(1, 'Choose at least one log type to pull.'),
  apiKey: z.string().trim().max(500).optional(),
  enabled: z.boolean(),
});

export async function saveSourceAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('settings:write');
    const parsed = sourceSchema.safeParse({
      workspaceId: formData.get('workspaceId'),
      baseUrl: formData.get('baseUrl'),
      logTypes: formData.getAll('logTypes'),
      apiKey: (formData.get('apiKey') as string | null) || undefined,
      enabled: formData.get('enabled') === 'on',
    });
    if (!parsed.success) throw new AppError('unprocessable', parsed.error.issues.map((i) => i.message).join(' '));
    const secretKey = process.env.TOLLGATE_SECRET_KEY;
    if (!secretKey) throw new ConfigError('TOLLGATE_SECRET_KEY', 'is not set; start Tollgate with `npm start`, which sets it');
    const { workspaceId, ...input } = parsed.data;
    await saveComplianceSource(db(), actor, workspaceId, input, secretKey);
    revalidatePath('/alerts/sources');
    return { message: input.apiKey ? 'Source saved; the key is stored encrypted and will not be shown again.' : 'Source saved.' };
  });
}

export async function setRetentionAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('logs:content');
    const parsed = z.object({ logType: z.string().min(1).max(64), days: z.coerce.number() }).safeParse({ logType: formData.get('logType'), days: formData.get('days') });
    if (!parsed.success) throw new AppError('unprocessable', 'Choose a log type and a number of days.');
    await setRetention(db(), actor, parsed.data.logType, parsed.data.days);
    revalidatePath('/alerts/sources');
    return { message: `Content of ${parsed.data.logType} is now kept ${parsed.data.days} days.` };
  });
}

export async function purgeContentAction(_prev: unknown, _formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('logs:content');
    const purged = await purgeContent(db(), actor);
    revalidatePath('/alerts/sources');
    const total = Object.values(purged).reduce((a, b) => a + b, 0);
    return { message: total ? `Purged ${total} content record(s) past retention.` : 'Nothing was past its retention period.' };
  });
}
