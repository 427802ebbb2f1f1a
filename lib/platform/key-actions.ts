'use server';
// Alerts → Sources: "Test connection" for the read key or the act key of the current workspace's source.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { AppError } from '@/lib/http/app-error.ts';
import { formAction } from '@/lib/http/form-action.ts';
import { ConfigError } from '@/lib/runtime/config-error.ts';
import { testStoredKey } from './keys.ts';

const testForm = z.object({ workspaceId: z.string().min(1).max(64), which: z.enum(['read', 'act']) });

export const testKeyAction = formAction('settings:write', testForm, async ({ actor, db, input }) => {
  const secretKey = process.env.TOLLGATE_SECRET_KEY;
  if (!secretKey)
    throw new ConfigError('TOLLGATE_SECRET_KEY', 'is not set; start Tollgate with `npm start`, which sets it');
  const result = await testStoredKey(db, actor, input.workspaceId, input.which, secretKey);
  revalidatePath('/alerts/sources');
  const message = `${input.which === 'read' ? 'Read' : 'Act'} key: ${result.detail}.`;
  // A failed test is stored like a passing one; the form shows it as an error.
  if (!result.ok) throw new AppError('unprocessable', message);
  return { message };
});
