'use server';
// The approval policy form: reviewers (agents-admin) save which categories need a human and which actions
// are logged. Imports go through app/api/packs/approval-policy (POST).
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorize } from '../auth/authorize.ts';
import { db } from '../db.ts';
import { actionResult, type ActionResult } from '../http/action.ts';
import { AppError } from '../http/app-error.ts';
import { savePolicy } from './policy-service.ts';

const MAX_FIELD = 20_000;

function text(formData: FormData | null, name: string): string {
  const v = formData?.get(name);
  return typeof v === 'string' ? v : '';
}

/** Names from a textarea: one per line (commas and spaces also separate). */
function names(value: string): string[] {
  if (value.length > MAX_FIELD) throw new AppError('unprocessable', 'The list is too long.');
  return value.split(/[\s,;]+/).filter(Boolean);
}

export async function savePolicyAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('reviews:decide');
    const parsed = z.string().min(1).max(100).safeParse(text(formData, 'workspaceId'));
    if (!parsed.success) throw new AppError('unprocessable', 'Unknown workspace.');
    const checked = (formData?.getAll('required') ?? []).filter((v): v is string => typeof v === 'string');
    const result = await savePolicy(db(), actor, parsed.data, {
      // A name typed in the textarea that is also ticked counts once.
      required: [...new Set([...checked, ...names(text(formData, 'extraRequired'))])],
      logged: names(text(formData, 'logged')),
    }, { confirmWeaker: formData?.get('confirmWeaker') === 'yes' });
    if (!result.changed) return { message: 'Nothing changed.' };
    revalidatePath('/reviews/policy');
    const weaker = result.departures.filter((d) => d.direction === 'weaker');
    return { message: `Approval policy saved.${weaker.length > 0 ? ` Weaker than the guide: ${weaker.map((d) => d.message).join('; ')}.` : ''}` };
  });
}
