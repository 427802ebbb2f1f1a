'use server';
// Access-review campaigns: start (and schedule), close, decide an item. An outside owner's answer comes with its
// evidence through the upload route (app/api/campaigns/items/[itemId]/answers), as every evidence file does.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { AppError } from '@/lib/http/app-error.ts';
import { formAction } from '@/lib/http/form-action.ts';
import { field } from '@/lib/http/form-data.ts';
import { closeCampaign, decideItem, moveItem, startCampaign } from './service.ts';

const UNKNOWN_WS = 'Unknown workspace.';
const UNKNOWN = 'Unknown campaign item.';

function refresh(campaignId?: string) {
  revalidatePath('/campaigns');
  if (campaignId) revalidatePath(`/campaigns/${campaignId}`);
  revalidatePath('/findings');
}

/** A date input (YYYY-MM-DD) as the end of that day in UTC, the way a due date is meant. */
function endOfDay(value: string, name: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new AppError('unprocessable', `${name}: a date.`);
  const d = new Date(`${value}T23:59:59.999Z`);
  if (Number.isNaN(d.getTime())) throw new AppError('unprocessable', `${name}: a date.`);
  return d;
}

const startForm = z.object({
  workspaceId: field.id(UNKNOWN_WS, Infinity),
  name: field.text(),
  scopes: field.list(),
  reviewers: field.list(),
  startsOn: field.text(),
  dueOn: field.text(),
  recurrenceDays: field.text(),
});

export const startCampaignAction = formAction('campaigns:manage', startForm, async ({ actor, db, input }) => {
  const recurrence = input.recurrenceDays.trim();
  const { id, items } = await startCampaign(db, actor, input.workspaceId, {
    name: input.name,
    scopes: input.scopes,
    reviewerIds: input.reviewers,
    dueAt: endOfDay(input.dueOn, 'dueOn'),
    startsAt: input.startsOn ? new Date(`${input.startsOn}T00:00:00.000Z`) : undefined,
    recurrenceDays: recurrence ? Number(recurrence) : null,
  });
  refresh(id);
  return { data: { id }, message: `Campaign started with ${items} item(s) to review.` };
});

const campaignForm = z.object({ workspaceId: field.id(UNKNOWN_WS), campaignId: field.id('Unknown campaign.') });

export const closeCampaignAction = formAction('campaigns:manage', campaignForm, async ({ actor, db, input }) => {
  await closeCampaign(db, actor, input.workspaceId, input.campaignId);
  refresh(input.campaignId);
  return { message: 'Closed: undecided items stay undecided in its report.' };
});

const decideForm = z.object({
  workspaceId: field.id(UNKNOWN_WS),
  campaignId: field.id('Unknown campaign.'),
  itemId: field.id(UNKNOWN),
  decision: field.text(),
  reason: field.text(),
  reassignTo: field.text(),
});

export const decideItemAction = formAction('campaigns:decide', decideForm, async ({ actor, db, input }) => {
  const { decision, completed } = await decideItem(db, actor, input.workspaceId, input.itemId, input);
  refresh(input.campaignId);
  const follow = decision === 'keep' ? '' : ' It is a finding until the workspace shows the change.';
  return {
    message: `Decided: ${decision}.${follow}${completed ? ' Every item is decided: the campaign is complete.' : ''}`,
  };
});

const moveForm = z.object({
  workspaceId: field.id(UNKNOWN_WS),
  campaignId: field.id('Unknown campaign.'),
  itemId: field.id(UNKNOWN),
  reviewerId: field.id('Pick a reviewer.'),
});

export const moveItemAction = formAction('campaigns:manage', moveForm, async ({ actor, db, input }) => {
  await moveItem(db, actor, input.workspaceId, input.itemId, input.reviewerId);
  refresh(input.campaignId);
  return { message: 'Moved to the new reviewer.' };
});
