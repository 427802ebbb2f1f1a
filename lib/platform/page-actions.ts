'use server';
// Platform actions from the dashboard (docs/decisions/0026): request one on an agent or GPT page (platform:act),
// approve or decline a request as the second person (platform:approve). The service decides; it refuses the
// requester approving their own request, a lapsed request, and any request without an act key.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { AppError } from '@/lib/http/app-error.ts';
import { formAction } from '@/lib/http/form-action.ts';
import { field } from '@/lib/http/form-data.ts';
import { sendSoon } from './executor.ts';
import { ACTION_KINDS, KIND_LABELS } from './kinds.ts';
import { actionTargetInfo } from './queries.ts';
import { requestTarget } from './request-target.ts';
import { approveActions, declineActions, requestActions } from './service.ts';

const id = (what: string) => z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), field.id(`Unknown ${what}.`));
const optionalId = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() ? v.trim() : undefined),
  z.string().max(300).optional(),
);

function refresh(actionIds: string[] = []) {
  revalidatePath('/actions');
  revalidatePath('/agents', 'layout');
  for (const a of actionIds) revalidatePath(`/actions/${a}`);
}

const requestForm = z.object({
  workspaceId: id('workspace'),
  agentId: id('agent or GPT'),
  kind: z.enum(ACTION_KINDS, { error: 'Choose what the platform should do.' }),
  fileId: optionalId,
  reason: field.text(),
});

export const requestPlatformAction = formAction('platform:act', requestForm, async ({ actor, db, input }) => {
  const info = await actionTargetInfo(db, input.workspaceId, input.agentId);
  if (!info) throw new AppError('not_found', 'No such agent or GPT in this workspace.');
  const target = requestTarget(info, input.kind, input.fileId);
  const out = await requestActions(db, actor, input.workspaceId, {
    kind: input.kind,
    targets: [target],
    reason: input.reason,
  });
  // Sent in the background right away (the job sends whatever is left within a minute).
  if (!out.needsApproval) void sendSoon(db, input.workspaceId, process.env.TOLLGATE_SECRET_KEY);
  refresh(out.ids);
  return {
    message: out.needsApproval
      ? `${KIND_LABELS[input.kind]} requested: it waits for a second person with platform:approve (admin or CISO) ` +
        'and lapses after 24 hours.'
      : `${KIND_LABELS[input.kind]} requested: queued, Tollgate sends it to the platform now.`,
  };
});

const whichForm = { workspaceId: id('workspace'), actionId: optionalId, batchId: optionalId };

function which(input: { actionId?: string; batchId?: string }) {
  if (Boolean(input.actionId) === Boolean(input.batchId)) throw new AppError('bad_request', 'Name one request.');
  return input.batchId ? { batchId: input.batchId } : { actionId: input.actionId! };
}

export const approvePlatformAction = formAction(
  'platform:approve',
  z.object(whichForm),
  async ({ actor, db, input }) => {
    const count = await approveActions(db, actor, input.workspaceId, which(input));
    void sendSoon(db, input.workspaceId, process.env.TOLLGATE_SECRET_KEY);
    refresh(input.actionId ? [input.actionId] : []);
    return { message: `Approved: ${count} action${count === 1 ? '' : 's'} queued for the platform.` };
  },
);

export const declinePlatformAction = formAction(
  'platform:approve',
  z.object({ ...whichForm, reason: field.text() }),
  async ({ actor, db, input }) => {
    const count = await declineActions(db, actor, input.workspaceId, { ...which(input), reason: input.reason });
    refresh(input.actionId ? [input.actionId] : []);
    return { message: `Declined: ${count} action${count === 1 ? '' : 's'} will not be sent.` };
  },
);
