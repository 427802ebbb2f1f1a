'use server';
// Alerts → Sources: the Compliance API source of the current workspace.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { formAction } from '@/lib/http/form-action.ts';
import { field } from '@/lib/http/form-data.ts';
import { ConfigError } from '@/lib/runtime/config-error.ts';
import { purgeContent, setRetention } from './retention.ts';
import { saveComplianceSource, sourceSavedMessage } from './sources.ts';

const sourceSchema = z.object({
  workspaceId: z.string().min(1),
  baseUrl: z.string().trim().min(1, 'Base URL is required.'),
  logTypes: field.list().pipe(z.array(z.string()).min(1, 'Choose at least one log type to pull.')),
  // Empty means "keep the stored key" (apiKey is the read key).
  apiKey: z.preprocess((v) => v || undefined, z.string().trim().max(500).optional()),
  actKey: z.preprocess((v) => v || undefined, z.string().trim().max(500).optional()),
  removeActKey: field.checkbox(),
  enabled: field.checkbox(),
});

export const saveSourceAction = formAction('settings:write', sourceSchema, async ({ actor, db, input }) => {
  const secretKey = process.env.TOLLGATE_SECRET_KEY;
  if (!secretKey)
    throw new ConfigError('TOLLGATE_SECRET_KEY', 'is not set; start Tollgate with `npm start`, which sets it');
  const { workspaceId, ...source } = input;
  const saved = await saveComplianceSource(db, actor, workspaceId, source, secretKey);
  revalidatePath('/alerts/sources');
  return { message: sourceSavedMessage(saved, Boolean(source.apiKey || source.actKey)) };
});

const retentionForm = z.object({
  logType: z
    .string({ error: 'Choose a log type and a number of days.' })
    .min(1, 'Choose a log type and a number of days.')
    .max(64, 'Choose a log type and a number of days.'),
  days: z.coerce.number<unknown>({ error: 'Choose a log type and a number of days.' }),
});

export const setRetentionAction = formAction('logs:content', retentionForm, async ({ actor, db, input }) => {
  await setRetention(db, actor, input.logType, input.days);
  revalidatePath('/alerts/sources');
  return { message: `Content of ${input.logType} is now kept ${input.days} days.` };
});

export const purgeContentAction = formAction('logs:content', z.object({}), async ({ actor, db }) => {
  const purged = await purgeContent(db, actor);
  revalidatePath('/alerts/sources');
  const total = Object.values(purged).reduce((a, b) => a + b, 0);
  return {
    message: total ? `Purged ${total} content record(s) past retention.` : 'Nothing was past its retention period.',
  };
});
