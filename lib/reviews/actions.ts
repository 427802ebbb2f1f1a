'use server';
// Publish review decisions from the review page. The decision service refuses an approval with every reason
// and lets exactly one of two concurrent decisions land; this only reads the form.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { AppError } from '@/lib/http/app-error.ts';
import { formAction } from '@/lib/http/form-action.ts';
import { field } from '@/lib/http/form-data.ts';
import { decide, DECISION_LABELS, DECISIONS, type Decision } from './decisions.ts';

const decideForm = z.object({
  workspaceId: field.text(),
  agentId: field.text(),
  decision: field.text(),
  sequence: field.text(),
  step: field.list(),
  reason: field.text(),
  conditions: field.text(),
});

export const decideAction = formAction('reviews:decide', decideForm, async ({ actor, db, input }) => {
  // Checked in this order, so the form shows the first thing wrong.
  const { workspaceId, agentId } = input;
  if (!workspaceId || !agentId) throw new AppError('unprocessable', 'Unknown agent.');
  const decision = input.decision as Decision;
  if (!DECISIONS.includes(decision)) throw new AppError('unprocessable', 'Choose approve, reject or request changes.');
  const sequence = Number(input.sequence);
  if (!Number.isInteger(sequence) || sequence < 1)
    throw new AppError('unprocessable', 'Reload the page: the form is incomplete.');
  const confirmedSteps = input.step.map(Number).filter((n) => Number.isInteger(n));
  const outcome = await decide(db, { ...actor, email: actor.user.email ?? null }, workspaceId, agentId, {
    decision,
    reason: input.reason,
    sequence,
    confirmedSteps,
    conditions: input.conditions || null,
  });
  revalidatePath('/reviews');
  revalidatePath(`/reviews/${encodeURIComponent(agentId)}`);
  revalidatePath('/reviews/register');
  const what = DECISION_LABELS[decision];
  return {
    message:
      decision === 'approve' && !outcome.complete
        ? 'First approval recorded: a second, different reviewer must approve this configuration too.'
        : `Decision recorded: ${what}.`,
  };
});
