'use server';
// The GPT policy form (Apps → GPT policy, admins: apps:write), a knowledge file's classification, an unreadable
// action's legs and a GPT's stated use case (reviewers: reviews:decide). Thin: read the form, call the service,
// refresh the pages.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { AppError } from '@/lib/http/app-error.ts';
import { formAction } from '@/lib/http/form-action.ts';
import { field } from '@/lib/http/form-data.ts';
import { classifyGptAction } from './action-review-service.ts';
import { classifyGptFile, setGptUseCase } from './file-class-service.ts';
import { saveGptPolicy } from './policy-service.ts';

const MAX_FIELD = 100_000;

/** Entries from a textarea: one per line (commas and spaces also separate). */
function entries(value: string): string[] {
  if (value.length > MAX_FIELD) throw new AppError('unprocessable', 'The list is too long.');
  return value.split(/[\s,;]+/).filter(Boolean);
}

const policyForm = z.object({
  workspaceId: field.id('Unknown workspace.'),
  allowedActionDomains: field.text(),
  maxVisibility: field.text(),
  thirdPartyGpts: field.text(),
  approvedThirdPartyGpts: field.text(),
  publicApiDomains: field.text(),
  note: field.text(),
});

export const saveGptPolicyAction = formAction('apps:write', policyForm, async ({ actor, db, input }) => {
  const result = await saveGptPolicy(
    db,
    actor,
    input.workspaceId,
    {
      allowedActionDomains: entries(input.allowedActionDomains),
      maxVisibility: input.maxVisibility,
      thirdPartyGpts: input.thirdPartyGpts,
      approvedThirdPartyGpts: entries(input.approvedThirdPartyGpts),
      publicApiDomains: entries(input.publicApiDomains),
    },
    { note: input.note },
  );
  if (!result.changed) return { message: 'Nothing changed.' };
  revalidatePath('/apps/gpt-policy');
  revalidatePath('/findings');
  revalidatePath('/reviews');
  return { message: `GPT policy saved as version ${result.version}; findings re-evaluated.` };
});

const fileForm = z.object({
  workspaceId: field.id('Unknown workspace.'),
  gptId: field.id('Unknown GPT.', 200),
  fileId: field.id('Unknown file.', 200),
  classification: field.text(),
});

export const classifyGptFileAction = formAction('reviews:decide', fileForm, async ({ actor, db, input }) => {
  const { changed } = await classifyGptFile(db, actor, input.workspaceId, input);
  if (!changed) return { message: 'Nothing changed.' };
  revalidatePath(`/agents/${encodeURIComponent(input.gptId)}`);
  revalidatePath(`/reviews/${encodeURIComponent(input.gptId)}`);
  revalidatePath('/findings');
  return { message: `Classified ${input.classification}.` };
});

const useCaseForm = z.object({
  workspaceId: field.id('Unknown workspace.'),
  gptId: field.id('Unknown GPT.', 200),
  useCase: field.text(),
});

export const setGptUseCaseAction = formAction('reviews:decide', useCaseForm, async ({ actor, db, input }) => {
  const { changed } = await setGptUseCase(db, actor, input.workspaceId, input);
  if (!changed) return { message: 'Nothing changed.' };
  revalidatePath(`/agents/${encodeURIComponent(input.gptId)}`);
  revalidatePath(`/reviews/${encodeURIComponent(input.gptId)}`);
  revalidatePath('/findings');
  return { message: 'Use case recorded.' };
});

const actionForm = z.object({
  workspaceId: field.id('Unknown workspace.'),
  gptId: field.id('Unknown GPT.', 200),
  reviewKey: field.id('Unknown action.', 300),
  legs: field.list(),
  note: field.text(),
});

export const classifyGptActionAction = formAction('reviews:decide', actionForm, async ({ actor, db, input }) => {
  const { changed, reclassified } = await classifyGptAction(db, actor, input.workspaceId, input);
  if (!changed) return { message: 'Nothing changed.' };
  revalidatePath('/agents');
  revalidatePath(`/agents/${encodeURIComponent(input.gptId)}`);
  revalidatePath(`/reviews/${encodeURIComponent(input.gptId)}`);
  revalidatePath('/findings');
  return { message: `Action classified; ${reclassified} GPT${reclassified === 1 ? '' : 's'} reclassified.` };
});
