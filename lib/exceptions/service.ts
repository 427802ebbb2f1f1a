// CAB exceptions: request, approve, reject, revoke, attach evidence. Each is one transaction that
// writes the change, its version (RecordVersion, entity 'exception') and its audit event together;
// a refused step leaves nothing behind.
import type { Db, Tx } from '@/lib/db.ts';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { recordAudit, type Actor } from '@/lib/audit/record.ts';
import type { Role } from '@/lib/auth/permissions.ts';
import { recordVersions } from '@/lib/history/versions.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { currentCatalogue } from '@/lib/apps/queries.ts';
import { reclassifyWorkspace } from '@/lib/agents/reclassify.ts';
import { syncFindings } from '@/lib/findings/sync.ts';
import { checkEvidence, type Evidence } from '@/lib/attachments/evidence.ts';
import { assertHttpsLink } from '@/lib/attachments/link.ts';
import { storeEvidence } from '@/lib/attachments/service.ts';
import { assertMayDecide, assertReviewDate, describeScope, nextStatus, type Scope, type Transition } from './rules.ts';
import { decisionInputSchema, firstIssue, requestInputSchema } from './schemas.ts';

export type Decider = Actor & { roles: readonly Role[] };

const ROW = {
  id: true,
  workspaceId: true,
  title: true,
  businessCase: true,
  scopeKind: true,
  scope: true,
  findingKeys: true,
  cabTicket: true,
  status: true,
  requestedBy: true,
  requestedAt: true,
  reviewAt: true,
  decidedBy: true,
  decidedAt: true,
  decisionNote: true,
  revokedBy: true,
  revokedAt: true,
  attachments: {
    select: {
      id: true,
      filename: true,
      contentType: true,
      size: true,
      sha256: true,
      url: true,
      addedBy: true,
      addedAt: true,
    },
    orderBy: { addedAt: 'asc' },
  },
} satisfies Prisma.ExceptionSelect;

type Row = Prisma.ExceptionGetPayload<{ select: typeof ROW }>;

export async function requestException(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: unknown,
  now = new Date(),
): Promise<{ id: string }> {
  const parsed = requestInputSchema.safeParse(input);
  if (!parsed.success) throw new AppError('unprocessable', firstIssue(parsed.error));
  const data = parsed.data;
  assertReviewDate(data.reviewAt, now, 'request');
  const links = data.links.map(assertHttpsLink);
  return db.$transaction(async (tx) => {
    if (!(await tx.workspace.findUnique({ where: { id: workspaceId }, select: { id: true } })))
      throw new AppError('not_found', `No workspace ${workspaceId}.`);
    const scope = await pinScope(tx, workspaceId, data.scope);
    await assertFindings(tx, workspaceId, data.findingKeys);
    const { kind, ...scopeJson } = scope;
    const created = await tx.exception.create({
      data: {
        workspaceId,
        title: data.title,
        businessCase: data.businessCase,
        scopeKind: kind,
        scope: scopeJson,
        findingKeys: data.findingKeys,
        cabTicket: data.cabTicket,
        status: 'requested',
        requestedBy: actor.label,
        requestedAt: now,
        reviewAt: data.reviewAt,
        attachments: { create: links.map((url) => ({ url, addedBy: actor.label, addedAt: now })) },
      },
      select: ROW,
    });
    await recordVersions(tx, [version(created, now)]);
    await recordAudit(tx, actor, {
      action: 'exceptions.request',
      targetType: 'exception',
      targetId: created.id,
      workspaceId,
      at: now,
      diff: {
        title: data.title,
        scope: describeScope(scope),
        findingKeys: data.findingKeys,
        reviewAt: data.reviewAt.toISOString(),
        cabTicket: data.cabTicket,
        links,
      },
    });
    return { id: created.id };
  });
}

export async function approveException(
  db: Db,
  actor: Decider,
  workspaceId: string,
  id: string,
  input: unknown = {},
  now = new Date(),
) {
  const decision = parseDecision(input);
  return transition(db, actor, workspaceId, id, 'approve', now, async (tx, row) => {
    await assertDecider(tx, row, actor);
    const reviewAt = decision.reviewAt ?? row.reviewAt;
    assertReviewDate(reviewAt, now, 'approval');
    return {
      data: { status: 'approved', decidedBy: actor.label, decidedAt: now, decisionNote: decision.note, reviewAt },
      diff: { reviewAt: reviewAt.toISOString(), note: decision.note },
    };
  });
}

export async function rejectException(
  db: Db,
  actor: Decider,
  workspaceId: string,
  id: string,
  input: unknown = {},
  now = new Date(),
) {
  const decision = parseDecision(input);
  return transition(db, actor, workspaceId, id, 'reject', now, async (tx, row) => {
    await assertDecider(tx, row, actor);
    if (!decision.note) throw new AppError('unprocessable', 'Say why the exception is rejected (a note is required).');
    return {
      data: { status: 'rejected', decidedBy: actor.label, decidedAt: now, decisionNote: decision.note },
      diff: { note: decision.note },
    };
  });
}

/** Withdraws an approved exception before its review date: its findings are open again at once. */
export async function revokeException(
  db: Db,
  actor: Actor,
  workspaceId: string,
  id: string,
  input: unknown = {},
  now = new Date(),
) {
  const decision = parseDecision(input);
  return transition(db, actor, workspaceId, id, 'revoke', now, async () => ({
    data: {
      status: 'revoked',
      revokedBy: actor.label,
      revokedAt: now,
      ...(decision.note ? { decisionNote: decision.note } : {}),
    },
    diff: { note: decision.note },
  }));
}

/** Evidence on a requested or approved exception: a file (≤ 10 MB, kept with its SHA-256) or an https link. */
export async function addAttachment(
  db: Db,
  actor: Actor,
  workspaceId: string,
  id: string,
  input: Evidence,
  now = new Date(),
): Promise<{ id: string }> {
  const evidence = checkEvidence(input);
  return db.$transaction(async (tx) => {
    const row = await lockRow(tx, workspaceId, id);
    if (row.status !== 'requested' && row.status !== 'approved')
      throw new AppError('conflict', `This exception is ${row.status}: evidence can no longer be added.`);
    const attachment = await storeEvidence(
      tx,
      { home: 'exceptionAttachment', record: { exceptionId: id, addedBy: actor.label, addedAt: now } },
      evidence,
    );
    const after = await tx.exception.findUniqueOrThrow({ where: { id }, select: ROW });
    await recordVersions(tx, [version(after, now)]);
    await recordAudit(tx, actor, {
      action: 'exceptions.attach',
      targetType: 'exception',
      targetId: id,
      workspaceId,
      diff: evidence.diff,
      at: now,
    });
    return attachment;
  });
}

type Change = { data: Prisma.ExceptionUpdateInput; diff: Record<string, unknown> };

async function transition(
  db: Db,
  actor: Actor,
  workspaceId: string,
  id: string,
  kind: Transition,
  now: Date,
  decide: (tx: Tx, row: Row) => Promise<Change>,
) {
  return db.$transaction(async (tx) => {
    const row = await lockRow(tx, workspaceId, id);
    const to = nextStatus(row, kind, now);
    const change = await decide(tx, row);
    const after = await tx.exception.update({ where: { id }, data: change.data, select: ROW });
    await recordVersions(tx, [version(after, now)]);
    await recordAudit(tx, actor, {
      action: `exceptions.${kind}`,
      targetType: 'exception',
      targetId: id,
      workspaceId,
      diff: { from: row.status, to, ...change.diff },
      at: now,
    });
    // The agent's stored state follows its trifecta exception (read-time checks cover expiry).
    if (after.scopeKind === 'trifecta' && kind !== 'reject') {
      const agentId = (after.scope as { agentId: string }).agentId;
      await reclassifyWorkspace(tx, workspaceId, await currentCatalogue(tx, workspaceId), [agentId], now);
    }
    // The findings an exception covers move with it, in the same transaction.
    await syncFindings(tx, workspaceId, now, actor);
    return { id, status: to };
  });
}

/** Locks the exception for the rest of the transaction: two deciders cannot both act on one request. */
async function lockRow(tx: Tx, workspaceId: string, id: string): Promise<Row> {
  const locked = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM "Exception" WHERE id = ${id} AND "workspaceId" = ${workspaceId} FOR UPDATE`;
  if (locked.length === 0) throw new AppError('not_found', 'No such exception in this workspace.');
  return tx.exception.findUniqueOrThrow({ where: { id }, select: ROW });
}

/** The requester's user id is on the request's audit event; the label (e-mail) is on the row. */
async function assertDecider(tx: Tx, row: Row, actor: Decider) {
  const request = await tx.auditEvent.findFirst({
    where: { action: 'exceptions.request', targetType: 'exception', targetId: row.id },
    select: { actorId: true },
  });
  assertMayDecide(
    { id: request?.actorId ?? null, label: row.requestedBy },
    { id: actor.id, label: actor.label, roles: actor.roles },
  );
}

function parseDecision(input: unknown) {
  const parsed = decisionInputSchema.safeParse(input);
  if (!parsed.success) throw new AppError('unprocessable', firstIssue(parsed.error));
  return parsed.data;
}

/** Trifecta and approval-gate scopes are pinned to the agent's configuration hash as it is now. */
async function pinScope(
  tx: Tx,
  workspaceId: string,
  scope: ReturnType<typeof requestInputSchema.parse>['scope'],
): Promise<Scope> {
  if (scope.kind !== 'trifecta' && scope.kind !== 'approval_gate') return scope;
  const agent = await tx.agent.findFirst({
    where: { workspaceId, OR: [{ id: scope.agentId }, { externalId: scope.agentId }] },
    select: { id: true, name: true, configHash: true, trifecta: true },
  });
  if (!agent) throw new AppError('unprocessable', `No agent ${scope.agentId} in this workspace.`);
  if (scope.kind === 'approval_gate')
    return { kind: 'approval_gate', agentId: agent.id, configHash: agent.configHash, categories: scope.categories };
  if (!agent.trifecta)
    throw new AppError('unprocessable', `${agent.name} does not hold the lethal trifecta: there is nothing to accept.`);
  return { kind: 'trifecta', agentId: agent.id, configHash: agent.configHash };
}

async function assertFindings(tx: Tx, workspaceId: string, keys: string[]) {
  if (keys.length === 0) return;
  const found = await tx.finding.findMany({
    where: { workspaceId, key: { in: keys } },
    select: { key: true, status: true },
  });
  const byKey = new Map(found.map((f) => [f.key, f.status]));
  const missing = keys.filter((k) => !byKey.has(k));
  if (missing.length) throw new AppError('unprocessable', `Unknown finding ${missing.join(', ')} in this workspace.`);
  const resolved = keys.filter((k) => byKey.get(k) === 'resolved');
  if (resolved.length)
    throw new AppError('unprocessable', `Finding ${resolved.join(', ')} is resolved: nothing to except.`);
}

function version(row: Row, at: Date) {
  const { attachments, workspaceId, id, ...rest } = row;
  return {
    workspaceId,
    entity: 'exception' as const,
    entityId: id,
    at,
    data: {
      ...rest,
      attachments: attachments.map((a) => ({
        id: a.id,
        filename: a.filename,
        size: a.size,
        sha256: a.sha256,
        url: a.url,
        addedBy: a.addedBy,
      })),
    },
  };
}
