'use server';
// Publish review decisions from the review page. The decision service refuses an approval with every reason
// and lets exactly one of two concurrent decisions land; this only reads the form.
import { revalidatePath } from 'next/cache';
import { authorize } from '../auth/authorize.ts';
import { db } from '../db.ts';
import { actionResult, type ActionResult } from '../http/action.ts';
import { AppError } from '../http/app-error.ts';
import { decide, DECISION_LABELS, DECISIONS, type Decision } from './decisions.ts';

const text = (formData: FormData, name: string) => {
  const v = formData.get(name);
  return typeof v === 'string' ? v : '';
};

export async function decideAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('reviews:decide');
    const workspaceId = text(formData, 'workspaceId');
    const agentId = text(formData, 'agentId');
    const decision = text(formData, 'decision') as Decision;
    if (!workspaceId || !agentId) throw new AppError('unprocessable', 'Unknown agent.');
    if (!DECISIONS.includes(decision)) throw new AppError('unprocessable', 'Choose approve, reject or request changes.');
    const sequence = Number(text(formData, 'sequence'));
    if (!Number.isInteger(sequence) || sequence < 1) throw new AppError('unprocessable', 'Reload the page: the form is incomplete.');
    const confirmedSteps = formData.getAll('step').map(Number).filter((n) => Number.isInteger(n));
    const outcome = await decide(db(), { ...actor, email: actor.user.email ?? null }, workspaceId, agentId, {
      decision, reason: text(formData, 'reason'), sequence, confirmedSteps, conditions: text(formData, 'conditions') || null,
    });
    revalidatePath('/reviews');
    revalidatePath(`/reviews/${encodeURIComponent(agentId)}`);
    revalidatePath('/reviews/register');
    const what = DECISION_LABELS[decision];
    return { message: decision === 'approve' && !outcome.complete ? 'First approval recorded: a second, different reviewer must approve this configuration too.' : `Decision recorded: ${what}.` };
  });
}
