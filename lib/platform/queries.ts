// Reading platform actions (docs/decisions/0026): the Actions page's list (filtered, sorted, paged), the counts of
// its header, the requests waiting for a second person, the queue of a released batch, one action with its
// attempts, the actions of one agent or GPT, and every row of a filter for the CSV. Read only: nothing here writes.
// A request past its 24 hours reads `expired` even before the expiry job has marked it, so nobody is offered an
// approval the service would refuse.
import type { Db } from '@/lib/db.ts';
import { containsText } from '@/lib/db/text-match.ts';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import type { Gpt } from '@/lib/gpts/types.ts';
import { ACTION_PAGE_SIZE, type ActionFilter, OPEN_STATUSES, sortDir } from './filter.ts';
import { ACTION_STATUSES, type ActionKind, type ActionStatus } from './kinds.ts';
import type { ActionTargetInfo } from './request-target.ts';

export type { ActionTargetInfo } from './request-target.ts';

export { hasActKey } from './settings.ts';

const ROW_SELECT = {
  id: true,
  kind: true,
  agentId: true,
  targetId: true,
  fileId: true,
  targetLabel: true,
  reason: true,
  requestedById: true,
  requestedBy: true,
  policyKey: true,
  policyVersion: true,
  batchId: true,
  requestedAt: true,
  needsApproval: true,
  expiresAt: true,
  approvedBy: true,
  approvedAt: true,
  status: true,
  sentAt: true,
  answeredAt: true,
  answerStatus: true,
  outcome: true,
  note: true,
  confirmedEventId: true,
  confirmedAt: true,
  suspensionId: true,
  _count: { select: { attempts: true } },
} satisfies Prisma.PlatformActionSelect;

type Selected = Prisma.PlatformActionGetPayload<{ select: typeof ROW_SELECT }>;

export type ActionRow = Omit<Selected, '_count' | 'status' | 'kind'> & {
  kind: ActionKind;
  status: ActionStatus;
  attempts: number;
};

/** The status a person should read: a request past its 24 hours is expired, marked or not yet. */
export function effectiveStatus(a: { status: string; expiresAt: Date | null }, now: Date): ActionStatus {
  if (a.status === 'awaiting_approval' && a.expiresAt && a.expiresAt.getTime() <= now.getTime()) return 'expired';
  return (ACTION_STATUSES as readonly string[]).includes(a.status) ? (a.status as ActionStatus) : 'failed';
}

function toRow(a: Selected, now: Date): ActionRow {
  const { _count, ...rest } = a;
  return { ...rest, kind: a.kind as ActionKind, status: effectiveStatus(a, now), attempts: _count.attempts };
}

function statusWhere(status: ActionFilter['status'], now: Date): Prisma.PlatformActionWhereInput {
  if (status === 'all') return {};
  if (status === 'open')
    return {
      status: { in: [...OPEN_STATUSES] },
      NOT: { status: 'awaiting_approval', expiresAt: { lte: now } },
    };
  if (status === 'awaiting_approval') return { status, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  if (status === 'expired')
    return { OR: [{ status: 'expired' }, { status: 'awaiting_approval', expiresAt: { lte: now } }] };
  return { status };
}

export function actionWhere(workspaceId: string, f: ActionFilter, now: Date): Prisma.PlatformActionWhereInput {
  const and: Prisma.PlatformActionWhereInput[] = [statusWhere(f.status, now)];
  if (f.q)
    and.push({
      OR: [{ targetLabel: containsText(f.q) }, { targetId: containsText(f.q) }, { fileId: containsText(f.q) }],
    });
  if (f.requester) {
    // "policy" finds what a response policy asked for, whose requester reads "policy <rule> v<n>".
    and.push({ OR: [{ requestedBy: containsText(f.requester) }, { policyKey: containsText(f.requester) }] });
  }
  return { workspaceId, ...(f.kind ? { kind: f.kind } : {}), AND: and };
}

function orderBy(f: ActionFilter): Prisma.PlatformActionOrderByWithRelationInput[] {
  const dir = sortDir(f);
  const key =
    f.sort === 'kind'
      ? { kind: dir }
      : f.sort === 'status'
        ? { status: dir }
        : f.sort === 'target'
          ? { targetLabel: dir }
          : { requestedAt: dir };
  return [key, { requestedAt: 'desc' }, { id: 'asc' }];
}

/** One page of the filtered list and how many match. */
export async function listActions(db: Db, workspaceId: string, f: ActionFilter, now = new Date()) {
  const where = actionWhere(workspaceId, f, now);
  const [rows, total] = await Promise.all([
    db.platformAction.findMany({
      where,
      orderBy: orderBy(f),
      skip: (f.page - 1) * ACTION_PAGE_SIZE,
      take: ACTION_PAGE_SIZE,
      select: ROW_SELECT,
    }),
    db.platformAction.count({ where }),
  ]);
  return { rows: rows.map((r) => toRow(r, now)), total };
}

const EXPORT_PAGE = 1000;

/** Every row of the filter, in the page's order, read in pages (the CSV streams them). */
export async function* actionsForExport(
  db: Db,
  workspaceId: string,
  f: ActionFilter,
  now = new Date(),
): AsyncIterable<ActionRow> {
  const where = actionWhere(workspaceId, f, now);
  for (let skip = 0; ; skip += EXPORT_PAGE) {
    const page = await db.platformAction.findMany({
      where,
      orderBy: orderBy(f),
      skip,
      take: EXPORT_PAGE,
      select: ROW_SELECT,
    });
    for (const r of page) yield toRow(r, now);
    if (page.length < EXPORT_PAGE) return;
  }
}

/** How many actions are in each status (lapsed requests counted as expired): the page header's counts. */
export async function actionCounts(
  db: Db,
  workspaceId: string,
  now = new Date(),
): Promise<Record<ActionStatus, number>> {
  const [groups, lapsed] = await Promise.all([
    db.platformAction.groupBy({ by: ['status'], where: { workspaceId }, _count: { _all: true } }),
    db.platformAction.count({ where: { workspaceId, status: 'awaiting_approval', expiresAt: { lte: now } } }),
  ]);
  const counts = Object.fromEntries(ACTION_STATUSES.map((s) => [s, 0])) as Record<ActionStatus, number>;
  for (const g of groups) if (g.status in counts) counts[g.status as ActionStatus] = g._count._all;
  counts.awaiting_approval -= lapsed;
  counts.expired += lapsed;
  return counts;
}

export type PendingRequest = {
  /** The batch id, or the single action's id. */
  key: string;
  batchId: string | null;
  actionId: string | null;
  kind: ActionKind;
  count: number;
  reason: string;
  requestedById: string | null;
  requestedBy: string;
  requestedAt: Date;
  expiresAt: Date | null;
  /** A few of its targets' names, for the approver to see what they release. */
  labels: string[];
};

/** Requests waiting for a second person (not lapsed), oldest first: one line per batch or single action. */
export async function pendingRequests(db: Db, workspaceId: string, now = new Date()): Promise<PendingRequest[]> {
  const rows = await db.$queryRaw<
    (Omit<PendingRequest, 'kind' | 'count'> & { kind: string; count: number; firstId: string })[]
  >`
    SELECT COALESCE("batchId", id) AS key, "batchId", MIN(id) AS "firstId", kind, COUNT(*)::int AS count,
      MIN(reason) AS reason, MIN("requestedById") AS "requestedById", MIN("requestedBy") AS "requestedBy",
      MIN("requestedAt") AS "requestedAt", MIN("expiresAt") AS "expiresAt",
      (array_agg("targetLabel" ORDER BY "targetLabel", id))[1:3] AS labels
    FROM "PlatformAction"
    WHERE "workspaceId" = ${workspaceId} AND status = 'awaiting_approval'
      AND ("expiresAt" IS NULL OR "expiresAt" > ${now})
    GROUP BY COALESCE("batchId", id), "batchId", kind
    ORDER BY MIN("requestedAt"), COALESCE("batchId", id)
    LIMIT 200`;
  return rows.map(({ firstId, ...r }) => ({
    ...r,
    kind: r.kind as ActionKind,
    actionId: r.batchId ? null : firstId,
  }));
}

export type QueueProgress = {
  /** The batch id, or the single action's id. */
  key: string;
  batchId: string | null;
  kind: ActionKind;
  approvedBy: string | null;
  total: number;
  queued: number;
  sending: number;
  /** Answered by the platform (confirmed and not yet seen included). */
  answered: number;
  failed: number;
  /** When the next queued action may go (a back-off after a 429/5xx), if one waits. */
  nextAttemptAt: Date | null;
};

type ProgressRow = Omit<QueueProgress, 'kind'> & { kind: string };

function progressQuery(db: Db, workspaceId: string, batchId: string | null) {
  return db.$queryRaw<ProgressRow[]>`
    SELECT COALESCE("batchId", id) AS key, "batchId", kind, MIN("approvedBy") AS "approvedBy",
      COUNT(*)::int AS total,
      (COUNT(*) FILTER (WHERE status = 'queued'))::int AS queued,
      (COUNT(*) FILTER (WHERE status = 'sending'))::int AS sending,
      (COUNT(*) FILTER (WHERE status IN ('answered', 'confirmed', 'not_seen')))::int AS answered,
      (COUNT(*) FILTER (WHERE status = 'failed'))::int AS failed,
      MIN("nextAttemptAt") FILTER (WHERE status IN ('queued', 'sending')) AS "nextAttemptAt"
    FROM "PlatformAction"
    WHERE "workspaceId" = ${workspaceId}
      AND (${batchId}::text IS NULL OR "batchId" = ${batchId})
      AND COALESCE("batchId", id) IN (
        SELECT COALESCE("batchId", id) FROM "PlatformAction"
        WHERE "workspaceId" = ${workspaceId} AND status IN ('queued', 'sending')
          AND (${batchId}::text IS NULL OR "batchId" = ${batchId}))
    GROUP BY COALESCE("batchId", id), "batchId", kind
    ORDER BY MIN("approvedAt") NULLS LAST, MIN("requestedAt"), COALESCE("batchId", id)
    LIMIT 50`;
}

/** The queue while something is being sent: per batch (or single action) how many wait, go, and were answered. */
export async function queueProgress(db: Db, workspaceId: string, batchId: string | null = null) {
  const rows = await progressQuery(db, workspaceId, batchId);
  return rows.map((r): QueueProgress => ({ ...r, kind: r.kind as ActionKind }));
}

/** One batch's counts whatever its state (the detail page of an action in a batch). */
export async function batchCounts(db: Db, workspaceId: string, batchId: string, now = new Date()) {
  const rows = await db.platformAction.findMany({
    where: { workspaceId, batchId },
    select: { status: true, expiresAt: true },
  });
  const counts = Object.fromEntries(ACTION_STATUSES.map((s) => [s, 0])) as Record<ActionStatus, number>;
  for (const r of rows) counts[effectiveStatus(r, now)] += 1;
  return { total: rows.length, counts };
}

/** One action with every attempt in order; null when it is not this workspace's. */
export async function getAction(db: Db, workspaceId: string, actionId: string, now = new Date()) {
  const a = await db.platformAction.findFirst({
    where: { id: actionId, workspaceId },
    select: {
      ...ROW_SELECT,
      idempotencyKey: true,
      nextAttemptAt: true,
      pullsWithout: true,
      attempts: {
        orderBy: { number: 'asc' },
        select: {
          id: true,
          number: true,
          startedAt: true,
          finishedAt: true,
          status: true,
          error: true,
          retryAfterMs: true,
        },
      },
    },
  });
  if (!a) return null;
  const { attempts, ...rest } = a;
  return {
    ...toRow(rest, now),
    attemptList: attempts,
    idempotencyKey: a.idempotencyKey,
    nextAttemptAt: a.nextAttemptAt,
    pullsWithout: a.pullsWithout,
  };
}

/** The actions on one agent or GPT (by its Agent row, or by its platform id when it was asked for by id). */
export async function targetActions(
  db: Db,
  workspaceId: string,
  target: { agentId: string; targetId: string },
  now = new Date(),
  take = 50,
): Promise<ActionRow[]> {
  const rows = await db.platformAction.findMany({
    where: { workspaceId, OR: [{ agentId: target.agentId }, { targetId: target.targetId }] },
    orderBy: [{ requestedAt: 'desc' }, { id: 'asc' }],
    take,
    select: ROW_SELECT,
  });
  return rows.map((r) => toRow(r, now));
}

/** Actions requested in [from, to), oldest first, each with its attempts: the evidence set reads them in pages. */
export async function* actionsRequestedBetween(
  db: Db,
  workspaceId: string,
  range: { from: Date; to: Date },
  pageSize = 1000,
) {
  let cursor: string | undefined;
  for (;;) {
    const page = await db.platformAction.findMany({
      where: { workspaceId, requestedAt: { gte: range.from, lt: range.to } },
      orderBy: [{ requestedAt: 'asc' }, { id: 'asc' }],
      take: pageSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      include: { attempts: { orderBy: { number: 'asc' } } },
    });
    yield* page;
    if (page.length < pageSize) return;
    cursor = page.at(-1)!.id;
  }
}

/** What a request form needs to name its target: the Agent row, and a GPT's files. Null when not this workspace's. */
export async function actionTargetInfo(db: Db, workspaceId: string, agentId: string): Promise<ActionTargetInfo | null> {
  const a = await db.agent.findFirst({
    where: { id: agentId, workspaceId },
    select: { id: true, externalId: true, kind: true, name: true, status: true, gptState: { select: { gpt: true } } },
  });
  if (!a) return null;
  const files = (a.gptState?.gpt as Partial<Gpt> | undefined)?.files;
  return {
    id: a.id,
    externalId: a.externalId,
    kind: a.kind,
    name: a.name,
    status: a.status,
    files: Array.isArray(files) ? files.map((f) => ({ id: f.id, name: f.name || f.id })) : [],
  };
}
