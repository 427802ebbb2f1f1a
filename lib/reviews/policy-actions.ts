'use server';
// The approval policy form: reviewers (agents-admin) save which categories need a human and which actions
// are logged. Imports go through app/api/packs/approval-policy (POST).
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { AppError } from '@/lib/http/app-error.ts';
import { formAction } from '@/lib/http/form-action.ts';
import { field } from '@/lib/http/form-data.ts';
import { savePolicy } from './policy-service.ts';

const MAX_FIELD = 20_000;

/** Names from a textarea: one per line (commas and spaces also separate). */
function names(value: string): string[] {
  if (value.length > MAX_FIELD) throw new AppError('unprocessable', 'The list is too long.');
  return value.split(/[\s,;]+/).filter(Boolean);
}

const policyForm = z.object({
  workspaceId: field.id('Unknown workspace.'),
  required: field.list(),
  extraRequired: field.text(),
  logged: field.text(),
  confirmWeaker: field.checkbox(),
});

export const savePolicyAction = formAction('reviews:decide', policyForm, async ({ actor, db, input }) => {
  const result = await savePolicy(
    db,
    actor,
    input.workspaceId,
    {
      // A name typed in the textarea that is also ticked counts once.
      required: [...new Set([...input.required, ...names(input.extraRequired)])],
      logged: names(input.logged),
    },
    { confirmWeaker: input.confirmWeaker },
  );
  if (!result.changed) return { message: 'Nothing changed.' };
  revalidatePath('/reviews/policy');
  const weaker = result.departures.filter((d) => d.direction === 'weaker');
  return {
    message:
      `Approval policy ` +
      `saved.${weaker.length > 0 ? ` Weaker than the guide: ${weaker.map((d) => d.message).join('; ')}.` : ''}`,
  };
});
