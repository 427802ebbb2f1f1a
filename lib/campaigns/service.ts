// Writes of access-review campaigns. Each change is one transaction: lock the row, apply the pure rule, write,
// audit, and sync findings when a decision asks for a change in the workspace (a revoke or a reassign).
import type { Db, Tx } from '@/lib/db.ts';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { checkEvidence, type Evidence } from '@/lib/attachments/evidence.ts';
import { storeEvidence } from '@/lib/attachments/service.ts';
import { recordAudit, SYSTEM_ACTOR, type Actor } from '@/lib/audit/record.ts';
import { can, type Role } from '@/lib/auth/permissions.ts';
import { syncFindings } from '@/lib/findings/sync.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { eligibleReviewers, reviewersOf, userEmails } from './queries.ts';
import {
  assignReviewers,
  checkDecision,
  checkRecurrence,
  type DecisionInput,
  needsSuccessor,
  successorDates,
} from './rules.ts';
import { readScopes } from './scopes/index.ts';
import { isScope, type Reviewer, type Scope } from './types.ts';

export type StartInput = {
  name: string;
  scopes: string[];
  reviewerIds: string[];
  dueAt: Date;
  /** Later than now: the campaign is scheduled and its items are read when it starts. */
  startsAt?: Date;
  recurrenceDays: number | null;
};

type ReviewerConfig = { roleMap?: string; adminSubjects?: string };
type Options = { now?: Date; reviewerConfig?: ReviewerConfig };

const MAX_NAME = 200;

export async function startCampaign(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: StartInput,
  options: Options = {},
) {
  const now = options.now ?? new Date();
  const name = input.name.trim();
  if (!name || name.length > MAX_NAME) throw new AppError('unprocessable', `name: 1 to ${MAX_NAME} characters.`);
  const scopes = [...new Set(input.scopes)];
  if (scopes.length === 0 || !scopes.every(isScope))
    throw new AppError('unprocessable', 'scopes: pick what to review.');
  const startsAt = input.startsAt && input.startsAt.getTime() > now.getTime() ? input.startsAt : now;
  if (Number.isNaN(input.dueAt.getTime()) || input.dueAt.getTime() <= startsAt.getTime())
    throw new AppError('unprocessable', 'dueAt: a due date after the start.');
  const recurrenceDays = checkRecurrence(input.recurrenceDays);
  const eligible = new Map((await eligibleReviewers(db, options.reviewerConfig)).map((r) => [r.id, r]));
  const reviewers: Reviewer[] = [];
  for (const id of new Set(input.reviewerIds)) {
    const r = eligible.get(id);
    if (!r) throw new AppError('unprocessable', 'reviewers: each reviewer must be a Tollgate user who may decide.');
    reviewers.push(r);
  }
  if (reviewers.length === 0) throw new AppError('unprocessable', 'reviewers: pick at least one reviewer.');
  return db.$transaction(async (tx) => {
    const campaign = await tx.campaign.create({
      data: {
        workspaceId,
        name,
        scopes,
        reviewers,
        status: 'scheduled',
        startsAt,
        dueAt: input.dueAt,
        recurrenceDays,
        createdBy: actor.label,
        createdAt: now,
      },
    });
    await recordAudit(tx, actor, {
      action: 'campaign.create',
      targetType: 'campaign',
      targetId: campaign.id,
      workspaceId,
      at: now,
      diff: { name, scopes, reviewers: reviewers.map((r) => r.label), startsAt, dueAt: input.dueAt, recurrenceDays },
    });
    const items = startsAt.getTime() <= now.getTime() ? await beginCampaign(tx, actor, campaign.id, now) : 0;
    return { id: campaign.id, items };
  });
}

/** Takes the snapshot: every item of the scopes as the data says now, each assigned to a reviewer. */
async function beginCampaign(tx: Tx, actor: Actor, campaignId: string, now: Date): Promise<number> {
  const c = await tx.campaign.findUniqueOrThrow({ where: { id: campaignId } });
  const read = await readScopes(tx, c.workspaceId, c.scopes.filter(isScope) as Scope[]);
  const users = await userEmails(tx);
  const assigned = assignReviewers(read, reviewersOf(c.reviewers));
  await tx.campaignItem.createMany({
    data: assigned.map((i) => ({
      campaignId,
      workspaceId: c.workspaceId,
      scope: i.scope,
      key: i.key,
      label: i.label,
      holder: i.holder,
      access: i.access,
      ownerEmail: i.ownerEmail,
      ownerIsUser: i.ownerEmail !== null && users.has(i.ownerEmail),
      detail: i.detail as Prisma.InputJsonObject,
      reviewerId: i.reviewer.id,
      reviewerLabel: i.reviewer.label,
    })),
  });
  const empty = assigned.length === 0;
  await tx.campaign.update({
    where: { id: campaignId },
    data: { status: empty ? 'completed' : 'running', startedAt: now, endedAt: empty ? now : null },
  });
  await recordAudit(tx, actor, {
    action: 'campaign.start',
    targetType: 'campaign',
    targetId: campaignId,
    workspaceId: c.workspaceId,
    at: now,
    diff: { items: assigned.length, scopes: c.scopes },
  });
  return assigned.length;
}

async function lockCampaign(tx: Tx, workspaceId: string, id: string) {
  const locked = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM "Campaign" WHERE id = ${id} AND "workspaceId" = ${workspaceId} FOR UPDATE`;
  if (locked.length === 0) throw new AppError('not_found', 'No such campaign in this workspace.');
  return tx.campaign.findUniqueOrThrow({ where: { id } });
}

export type Decider = Actor & { roles: readonly Role[] };

/** A reviewer decides an item assigned to them (a campaign manager may decide any). Decisions are final. */
export async function decideItem(
  db: Db,
  actor: Decider,
  workspaceId: string,
  itemId: string,
  input: DecisionInput,
  now = new Date(),
) {
  return db.$transaction((tx) =>
    recordDecision(tx, actor, workspaceId, itemId, input, now, (item) => {
      if (item.reviewerId !== actor.id && !can(actor.roles, 'campaigns:manage'))
        throw new AppError('forbidden', `This item is assigned to ${item.reviewerLabel}.`);
    }),
  );
}

/** A GRC user records the answer of an owner who is not a Tollgate user, with its evidence (a link or a file). */
export async function recordOwnerAnswer(
  db: Db,
  actor: Actor,
  workspaceId: string,
  itemId: string,
  input: DecisionInput & { evidence: Evidence | null },
  now = new Date(),
) {
  const evidence = checkEvidence(input.evidence);
  return db.$transaction(async (tx) => {
    const result = await recordDecision(tx, actor, workspaceId, itemId, input, now, (item) => {
      if (!item.ownerEmail || item.ownerIsUser)
        throw new AppError('conflict', 'This item has no owner outside Tollgate to answer for.');
    });
    const owner = (await tx.campaignItem.findUniqueOrThrow({ where: { id: itemId } })).ownerEmail!;
    const answer = await storeEvidence(
      tx,
      { home: 'campaignAnswer', record: { itemId, ownerEmail: owner, recordedBy: actor.label, recordedAt: now } },
      evidence,
    );
    await recordAudit(tx, actor, {
      action: 'campaign.answer',
      targetType: 'campaign_item',
      targetId: itemId,
      workspaceId,
      at: now,
      diff: { owner, evidence: evidence.diff },
    });
    return { ...result, answerId: answer.id };
  });
}

type ItemRow = Prisma.CampaignItemGetPayload<object>;

async function recordDecision(
  tx: Tx,
  actor: Actor,
  workspaceId: string,
  itemId: string,
  input: DecisionInput,
  now: Date,
  allowed: (item: ItemRow) => void,
) {
  const found = await tx.campaignItem.findFirst({ where: { id: itemId, workspaceId }, select: { campaignId: true } });
  if (!found) throw new AppError('not_found', 'No such item in this workspace.');
  const campaign = await lockCampaign(tx, workspaceId, found.campaignId);
  const item = await tx.campaignItem.findUniqueOrThrow({ where: { id: itemId } });
  if (campaign.status !== 'running') throw new AppError('conflict', `This campaign is ${campaign.status}.`);
  if (item.decision !== null) throw new AppError('conflict', `Already decided: ${item.decision} by ${item.decidedBy}.`);
  allowed(item);
  const d = checkDecision(item.scope as Scope, item.holder, input);
  await tx.campaignItem.update({
    where: { id: itemId },
    data: { ...d, decidedAt: now, decidedById: actor.id, decidedBy: actor.label },
  });
  await recordAudit(tx, actor, {
    action: 'campaign.decide',
    targetType: 'campaign_item',
    targetId: itemId,
    workspaceId,
    at: now,
    diff: { campaign: campaign.id, item: item.key, ...d },
  });
  const left = await tx.campaignItem.count({ where: { campaignId: campaign.id, decision: null } });
  if (left === 0) {
    await tx.campaign.update({ where: { id: campaign.id }, data: { status: 'completed', endedAt: now } });
    await recordAudit(tx, actor, {
      action: 'campaign.complete',
      targetType: 'campaign',
      targetId: campaign.id,
      workspaceId,
      at: now,
      diff: { items: await tx.campaignItem.count({ where: { campaignId: campaign.id } }) },
    });
  }
  // A revoke or reassign is a finding until the data shows it done (lib/findings/campaign.ts).
  if (d.decision !== 'keep') await syncFindings(tx, workspaceId, now, actor);
  return { decision: d.decision, completed: left === 0 };
}

/**
 * A campaign manager hands an undecided item to another reviewer (one who may decide, and who does not hold the
 * access under review); the reviewer joins the campaign's list so their progress shows.
 */
export async function moveItem(
  db: Db,
  actor: Actor,
  workspaceId: string,
  itemId: string,
  reviewerId: string,
  options: Options = {},
) {
  const now = options.now ?? new Date();
  const to = (await eligibleReviewers(db, options.reviewerConfig)).find((r) => r.id === reviewerId);
  if (!to) throw new AppError('unprocessable', 'reviewer: a Tollgate user who may decide.');
  await db.$transaction(async (tx) => {
    const found = await tx.campaignItem.findFirst({ where: { id: itemId, workspaceId }, select: { campaignId: true } });
    if (!found) throw new AppError('not_found', 'No such item in this workspace.');
    const campaign = await lockCampaign(tx, workspaceId, found.campaignId);
    const item = await tx.campaignItem.findUniqueOrThrow({ where: { id: itemId } });
    if (campaign.status !== 'running') throw new AppError('conflict', `This campaign is ${campaign.status}.`);
    if (item.decision !== null) throw new AppError('conflict', 'This item is already decided.');
    if (to.label.toLowerCase() === item.holder.toLowerCase())
      throw new AppError('unprocessable', 'reviewer: nobody reviews their own access.');
    const reviewers = reviewersOf(campaign.reviewers);
    if (!reviewers.some((r) => r.id === to.id))
      await tx.campaign.update({ where: { id: campaign.id }, data: { reviewers: [...reviewers, to] } });
    await tx.campaignItem.update({ where: { id: itemId }, data: { reviewerId: to.id, reviewerLabel: to.label } });
    await recordAudit(tx, actor, {
      action: 'campaign.move',
      targetType: 'campaign_item',
      targetId: itemId,
      workspaceId,
      at: now,
      diff: { campaign: campaign.id, item: item.key, from: item.reviewerLabel, to: to.label },
    });
  });
}

/** Ends a campaign before every item is decided; the undecided ones stay undecided in its report. */
export async function closeCampaign(db: Db, actor: Actor, workspaceId: string, id: string, now = new Date()) {
  await db.$transaction(async (tx) => {
    const c = await lockCampaign(tx, workspaceId, id);
    if (c.status !== 'running' && c.status !== 'scheduled')
      throw new AppError('conflict', `This campaign is already ${c.status}.`);
    await tx.campaign.update({ where: { id }, data: { status: 'closed', endedAt: now } });
    await recordAudit(tx, actor, {
      action: 'campaign.close',
      targetType: 'campaign',
      targetId: id,
      workspaceId,
      at: now,
      diff: { undecided: await tx.campaignItem.count({ where: { campaignId: id, decision: null } }) },
    });
  });
}

/**
 * The campaign job's writes: start scheduled campaigns whose day has come, create the successor of each recurring
 * campaign that ended or is due, and sync findings where revocations wait to be seen (agent imports do not sync
 * findings themselves, so an ownership change is noticed here).
 */
export async function runCampaignLifecycle(db: Db, now = new Date()) {
  const out = { started: 0, scheduled: 0, synced: 0 };
  const due = await db.campaign.findMany({
    where: { status: 'scheduled', startsAt: { lte: now } },
    select: { id: true, workspaceId: true },
  });
  for (const c of due) {
    await db.$transaction(async (tx) => {
      const row = await lockCampaign(tx, c.workspaceId, c.id);
      if (row.status !== 'scheduled') return;
      await beginCampaign(tx, SYSTEM_ACTOR, c.id, now);
      out.started++;
    });
  }
  const recurring = await db.campaign.findMany({
    where: { recurrenceDays: { not: null }, status: { not: 'scheduled' } },
    select: { id: true, workspaceId: true },
  });
  const followed = new Set(
    (
      await db.campaign.findMany({
        where: { previousId: { in: recurring.map((r) => r.id) } },
        select: { previousId: true },
      })
    ).map((c) => c.previousId),
  );
  for (const r of recurring) {
    if (followed.has(r.id)) continue;
    await db.$transaction(async (tx) => {
      const prev = await lockCampaign(tx, r.workspaceId, r.id);
      const taken = await tx.campaign.count({ where: { previousId: prev.id } });
      if (!needsSuccessor({ ...prev, hasSuccessor: taken > 0 }, now)) return;
      const dates = successorDates({ ...prev, recurrenceDays: prev.recurrenceDays! });
      const next = await tx.campaign.create({
        data: {
          workspaceId: prev.workspaceId,
          name: prev.name,
          scopes: prev.scopes,
          reviewers: prev.reviewers as Prisma.InputJsonValue,
          status: 'scheduled',
          ...dates,
          recurrenceDays: prev.recurrenceDays,
          createdBy: 'system',
          createdAt: now,
          previousId: prev.id,
        },
      });
      await recordAudit(tx, SYSTEM_ACTOR, {
        action: 'campaign.recur',
        targetType: 'campaign',
        targetId: next.id,
        workspaceId: prev.workspaceId,
        at: now,
        diff: { previous: prev.id, ...dates },
      });
      out.scheduled++;
      if (dates.startsAt.getTime() <= now.getTime()) {
        await beginCampaign(tx, SYSTEM_ACTOR, next.id, now);
        out.started++;
      }
    });
  }
  const workspaces = await db.campaignItem.findMany({
    where: { decision: { in: ['revoke', 'reassign'] } },
    distinct: ['workspaceId'],
    select: { workspaceId: true },
  });
  for (const w of workspaces) {
    await db.$transaction((tx) => syncFindings(tx, w.workspaceId, now));
    out.synced++;
  }
  return out;
}
