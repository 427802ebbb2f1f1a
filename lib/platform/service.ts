// Requesting a platform action, and the second person's approval or refusal (docs/decisions/0026). Every row is
// written and committed before anything is sent; the executor (executor.ts) sends what is queued. Each change is
// one transaction with its audit event; no key ever enters a row or an audit diff.
import { randomUUID } from 'node:crypto';
import { recordAudit, type Actor, SYSTEM_ACTOR } from '@/lib/audit/record.ts';
import type { Db, Tx } from '@/lib/db.ts';
import { formatUtc } from '@/lib/format.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { ACTION_KINDS, type ActionKind, APPROVAL_TTL_MS, DESTRUCTIVE_KINDS, needsSecondPerson } from './kinds.ts';
import { hasActKey } from './settings.ts';

export type ActionTarget = { agentId: string | null; targetId: string; fileId?: string | null; label: string };
export type RequestInput = {
  kind: ActionKind;
  targets: ActionTarget[];
  reason: string;
  policy?: { key: string; version: number };
  dryRun?: boolean;
  suspensionId?: string;
  /** Held by a response policy beyond its hourly limit: a person must approve, whatever the kind and count. */
  forceApproval?: boolean;
};

/** A batch of thousands of rows and its audit event: more than Prisma's 5 s default on a busy machine. */
const BATCH_TRANSACTION = { timeout: 60_000, maxWait: 10_000 };

/** One request may carry a batch a person approves at once, but not an unbounded one. */
export const MAX_TARGETS = 5_000;
const MAX_REASON = 2_000;
const MAX_ID = 300;
const MAX_LABEL = 500;

function checkInput(input: RequestInput): RequestInput {
  if (!(ACTION_KINDS as readonly string[]).includes(input.kind))
    throw new AppError('unprocessable', `The kind must be one of ${ACTION_KINDS.join(', ')}.`);
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (!reason) throw new AppError('unprocessable', 'Say why (a reason is required).');
  if (reason.length > MAX_REASON)
    throw new AppError('unprocessable', `The reason is too long (at most ${MAX_REASON} characters).`);
  if (!Array.isArray(input.targets) || input.targets.length === 0)
    throw new AppError('unprocessable', 'Choose at least one target.');
  if (input.targets.length > MAX_TARGETS)
    throw new AppError('unprocessable', `At most ${MAX_TARGETS} targets in one request.`);
  const seen = new Set<string>();
  for (const t of input.targets) {
    const id = typeof t.targetId === 'string' ? t.targetId.trim() : '';
    if (!id || id.length > MAX_ID) throw new AppError('unprocessable', 'Every target needs its platform id.');
    if (input.kind === 'delete_gpt_file' && !(typeof t.fileId === 'string' && t.fileId.trim()))
      throw new AppError('unprocessable', 'Deleting a knowledge file needs the file id.');
    const key = `${id}\u0000${t.fileId ?? ''}`;
    if (seen.has(key)) throw new AppError('unprocessable', `The target ${id} is listed twice.`);
    seen.add(key);
  }
  return { ...input, reason };
}

/** A person's request for more than 10 targets waits for a second person; a policy's hourly limit decides its own. */
export function requestNeedsApproval(input: Pick<RequestInput, 'kind' | 'targets' | 'policy' | 'forceApproval'>) {
  if (input.forceApproval || DESTRUCTIVE_KINDS.includes(input.kind)) return true;
  return input.policy ? false : needsSecondPerson(input.kind, input.targets.length);
}

/** Audited. Destructive kinds or > 10 targets → awaiting_approval (one batchId); else queued. */
export async function requestActions(
  db: Db,
  actor: Actor,
  workspaceId: string,
  raw: RequestInput,
  now = new Date(),
): Promise<{ ids: string[]; batchId: string | null; needsApproval: boolean }> {
  const input = checkInput(raw);
  const dryRun = input.dryRun === true;
  if (!dryRun && !(await hasActKey(db, workspaceId)))
    throw new AppError(
      'conflict',
      'No act key is stored for this workspace, so Tollgate cannot act on the platform: an admin adds one in ' +
        'Alerts → Sources (until then, use the admin console steps).',
    );
  const needsApproval = !dryRun && requestNeedsApproval(input);
  const batchId = needsApproval || input.targets.length > 1 ? randomUUID() : null;
  const status = dryRun ? 'dry_run' : needsApproval ? 'awaiting_approval' : 'queued';
  return db.$transaction(async (tx) => {
    const rows = await tx.platformAction.createManyAndReturn({
      data: input.targets.map((t) => ({
        workspaceId,
        kind: input.kind,
        agentId: t.agentId,
        targetId: t.targetId.trim(),
        fileId: t.fileId?.trim() || null,
        targetLabel: (typeof t.label === 'string' && t.label.trim() ? t.label.trim() : t.targetId).slice(0, MAX_LABEL),
        reason: input.reason,
        requestedById: actor.id,
        requestedBy: actor.label,
        policyKey: input.policy?.key ?? null,
        policyVersion: input.policy?.version ?? null,
        batchId,
        requestedAt: now,
        needsApproval,
        expiresAt: needsApproval ? new Date(now.getTime() + APPROVAL_TTL_MS) : null,
        status,
        idempotencyKey: randomUUID(),
        suspensionId: input.suspensionId ?? null,
      })),
      select: { id: true },
    });
    const ids = rows.map((r) => r.id);
    await recordAudit(tx, actor, {
      action: 'platform.action.request',
      targetType: 'platform_action',
      targetId: batchId ?? ids[0]!,
      workspaceId,
      at: now,
      diff: {
        kind: input.kind,
        targets: input.targets.map((t, i) => ({
          id: ids[i],
          targetId: t.targetId,
          fileId: t.fileId ?? null,
          label: t.label,
        })),
        reason: input.reason,
        status,
        needsApproval,
        batchId,
        policy: input.policy ?? null,
        suspensionId: input.suspensionId ?? null,
      },
    });
    return { ids, batchId, needsApproval };
  }, BATCH_TRANSACTION);
}

type Which = { actionId?: string; batchId?: string };

/** Locks the rows named by an action id or a batch id (exactly one of them). */
async function lockRows(tx: Tx, workspaceId: string, which: Which) {
  if (Boolean(which.actionId) === Boolean(which.batchId))
    throw new AppError('bad_request', 'Name one action or one batch.');
  const ids = which.actionId
    ? await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "PlatformAction" WHERE id = ${which.actionId}
        AND "workspaceId" = ${workspaceId} ORDER BY id FOR UPDATE`
    : await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "PlatformAction" WHERE "batchId" = ${which.batchId!}
        AND "workspaceId" = ${workspaceId} ORDER BY id FOR UPDATE`;
  if (ids.length === 0) throw new AppError('not_found', 'No such platform action in this workspace.');
  return tx.platformAction.findMany({
    where: { id: { in: ids.map((r) => r.id) } },
    select: { id: true, kind: true, status: true, requestedById: true, requestedBy: true, expiresAt: true },
  });
}

function awaiting<T extends { status: string }>(rows: T[], verb: string): T[] {
  const open = rows.filter((r) => r.status === 'awaiting_approval');
  if (open.length === 0) {
    const states = [...new Set(rows.map((r) => r.status))].join(', ');
    throw new AppError('conflict', `Nothing to ${verb}: the request is no longer waiting for approval (${states}).`);
  }
  return open;
}

/** The second person approves: the rows are queued for the executor. Audited. */
export async function approveActions(
  db: Db,
  actor: Actor,
  workspaceId: string,
  which: Which,
  now = new Date(),
): Promise<number> {
  if (!actor.id) throw new AppError('forbidden', 'An approval needs a signed-in person.');
  // Lapsed requests become `expired` (and stay so) before the approval looks at them.
  await expireActions(db, now, workspaceId);
  return db.$transaction(async (tx) => {
    const rows = await lockRows(tx, workspaceId, which);
    if (rows.some((r) => r.requestedById !== null && r.requestedById === actor.id))
      throw new AppError(
        'forbidden',
        'You asked for this action: a second, different person must approve it (two-person control).',
      );
    if (rows.every((r) => r.status === 'expired'))
      throw new AppError(
        'conflict',
        `The request expired at ${formatUtc(rows[0]!.expiresAt)} (24 hours without approval): ask for it again.`,
      );
    const open = awaiting(rows, 'approve');
    await tx.platformAction.updateMany({
      where: { id: { in: open.map((r) => r.id) }, status: 'awaiting_approval' },
      data: {
        status: 'queued',
        approvedById: actor.id,
        approvedBy: actor.label,
        approvedAt: now,
        nextAttemptAt: null,
        version: { increment: 1 },
      },
    });
    await recordAudit(tx, actor, {
      action: 'platform.action.approve',
      targetType: 'platform_action',
      targetId: which.batchId ?? which.actionId!,
      workspaceId,
      at: now,
      diff: { ids: open.map((r) => r.id), kind: open[0]!.kind, requestedBy: open[0]!.requestedBy, count: open.length },
    });
    return open.length;
  }, BATCH_TRANSACTION);
}

/** A person with platform:approve says no (the requester may withdraw their own request too). Audited. */
export async function declineActions(
  db: Db,
  actor: Actor,
  workspaceId: string,
  which: Which & { reason: string },
  now = new Date(),
): Promise<number> {
  const reason = typeof which.reason === 'string' ? which.reason.trim() : '';
  if (!reason) throw new AppError('unprocessable', 'Say why the request is declined (a reason is required).');
  if (reason.length > MAX_REASON)
    throw new AppError('unprocessable', `The reason is too long (at most ${MAX_REASON} characters).`);
  await expireActions(db, now, workspaceId);
  return db.$transaction(async (tx) => {
    const open = awaiting(await lockRows(tx, workspaceId, which), 'decline');
    await tx.platformAction.updateMany({
      where: { id: { in: open.map((r) => r.id) }, status: 'awaiting_approval' },
      data: { status: 'declined', note: `Declined by ${actor.label}: ${reason}`, version: { increment: 1 } },
    });
    await recordAudit(tx, actor, {
      action: 'platform.action.decline',
      targetType: 'platform_action',
      targetId: which.batchId ?? which.actionId!,
      workspaceId,
      at: now,
      diff: { ids: open.map((r) => r.id), kind: open[0]!.kind, reason, count: open.length },
    });
    return open.length;
  }, BATCH_TRANSACTION);
}

/** Requests not approved within 24 hours lapse (one audit event per batch or single action). */
export async function expireActions(db: Db, now = new Date(), workspaceId?: string): Promise<number> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; workspaceId: string; batchId: string | null; kind: string }[]>`
      SELECT id, "workspaceId", "batchId", kind FROM "PlatformAction"
      WHERE status = 'awaiting_approval' AND "expiresAt" <= ${now}
        AND (${workspaceId ?? null}::text IS NULL OR "workspaceId" = ${workspaceId ?? null})
      ORDER BY id FOR UPDATE SKIP LOCKED`;
    if (rows.length === 0) return 0;
    await tx.platformAction.updateMany({
      where: { id: { in: rows.map((r) => r.id) } },
      data: { status: 'expired', note: 'Not approved within 24 hours.', version: { increment: 1 } },
    });
    const groups = new Map<string, typeof rows>();
    for (const r of rows) {
      const key = `${r.workspaceId}\u0000${r.batchId ?? r.id}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    for (const group of groups.values()) {
      const first = group[0]!;
      await recordAudit(tx, SYSTEM_ACTOR, {
        action: 'platform.action.expire',
        targetType: 'platform_action',
        targetId: first.batchId ?? first.id,
        workspaceId: first.workspaceId,
        at: now,
        diff: { ids: group.map((r) => r.id), kind: first.kind, count: group.length },
      });
    }
    return rows.length;
  });
}
