// Decisions on an agent configuration (guide 6.3, 6.7). Approve is refused on the server with every reason
// (refusals.ts); a higher-risk agent (shared connections, Slack) needs two approvals from different reviewers;
// a complete approval enters the published register and supersedes the agent's earlier entry. Concurrency is
// optimistic: a reviewer submits the sequence they saw, the unique key lets exactly one decision land, and
// the other reviewer is told who decided and when.
import { Prisma } from '@/lib/generated/prisma/client.ts';
import type { Actor } from '@/lib/audit/record.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { reviewDecidedEvent } from '@/lib/webhooks/events.ts';
import { enqueueWebhookEvent } from '@/lib/webhooks/outbox.ts';
import type { Db, Tx } from '@/lib/db.ts';
import { formatUtc } from '@/lib/format.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { reviewContext, type ReviewContext } from './context.ts';

export const DECISIONS = ['approve', 'reject', 'request_changes'] as const;
export type Decision = (typeof DECISIONS)[number];
export const DECISION_LABELS: Record<Decision, string> = {
  approve: 'approved',
  reject: 'rejected',
  request_changes: 'changes requested',
};

export type DecisionInput = {
  decision: Decision;
  reason: string;
  sequence: number;
  confirmedSteps: number[];
  conditions?: string | null;
};
export type DecisionActor = Actor & { email: string | null };
export type DecisionOutcome = { id: string; decision: Decision; complete: boolean; registerEntryId: string | null };

export class RefusedError extends AppError {
  constructor(readonly reasons: string[]) {
    super('unprocessable', `Approval refused:\n${reasons.map((r) => `• ${r}`).join('\n')}`);
  }
}

export async function decide(
  db: Db,
  actor: DecisionActor,
  workspaceId: string,
  externalId: string,
  input: DecisionInput,
  now = new Date(),
): Promise<DecisionOutcome> {
  const reason = input.reason.trim();
  if (!DECISIONS.includes(input.decision))
    throw new AppError('unprocessable', 'Choose approve, reject or request changes.');
  if (reason.length < 3) throw new AppError('unprocessable', 'Give a reason for the decision (at least 3 characters).');
  if (reason.length > 2000) throw new AppError('unprocessable', 'The reason is too long (at most 2000 characters).');
  let agentId: string | null = null;
  try {
    return await db.$transaction(async (tx) => {
      const ctx = await reviewContext(tx, workspaceId, externalId, now);
      if (!ctx) throw new AppError('not_found', `No agent ${externalId} in this workspace.`);
      agentId = ctx.agent.id;
      if (input.sequence !== ctx.nextSequence) throw outOfDate(ctx, input.sequence);
      const complete = input.decision === 'approve' && approvalCompletes(ctx, actor, input.confirmedSteps);
      const row = await tx.reviewDecision.create({
        data: {
          workspaceId,
          agentId: ctx.agent.id,
          configHash: ctx.agent.configHash,
          versionId: ctx.agent.versionId,
          sequence: input.sequence,
          decision: input.decision,
          reason,
          reviewerId: actor.id,
          reviewerLabel: actor.label,
          reviewerEmail: actor.email,
          decidedAt: now,
          checklist: input.decision === 'approve' ? [...new Set(input.confirmedSteps)].sort((a, b) => a - b) : [],
          conditions: input.conditions?.trim() || null,
          exceptionIds: [
            ...ctx.exceptions.filter((e) => e.scopeKind === 'approval_gate').map((e) => e.id),
            // The exceptions that let a GPT past its policy at this decision.
            ...ctx.policyRefusals.flatMap((p) => (p.exceptionId ? [p.exceptionId] : [])),
          ],
        },
      });
      const registerEntryId = await updateRegister(
        tx,
        workspaceId,
        ctx,
        { ...row, reviewerLabel: actor.label },
        complete,
        now,
      );
      await recordAudit(tx, actor, {
        action: 'review.decide',
        targetType: 'agent',
        targetId: ctx.agent.externalId,
        workspaceId,
        at: now,
        diff: {
          decision: input.decision,
          reason,
          sequence: input.sequence,
          configHash: ctx.agent.configHash,
          versionId: ctx.agent.versionId,
          complete,
          registerEntryId,
        },
      });
      const event = reviewDecidedEvent({
        ...{ decisionId: row.id, agentId: ctx.agent.externalId, agentName: ctx.agent.name, reason, complete },
        ...{ decision: input.decision, reviewer: actor.label, configHash: ctx.agent.configHash },
      });
      await enqueueWebhookEvent(tx, workspaceId, event, now);
      return { id: row.id, decision: input.decision, complete, registerEntryId };
    });
  } catch (error) {
    // Another reviewer's decision took this sequence first: say who, and when.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002' && agentId) {
      const winner = await db.reviewDecision.findFirst({
        where: { agentId, sequence: input.sequence },
        orderBy: { decidedAt: 'desc' },
      });
      throw new AppError(
        'conflict',
        winner
          ? `${winner.reviewerLabel} decided first ` +
              `(${DECISION_LABELS[winner.decision as Decision]}, ` +
              `${formatUtc(winner.decidedAt)}). Reload to see the agent as it is now.`
          : 'Another decision landed first. Reload the page.',
      );
    }
    throw error;
  }
}

/** Whether this approval completes the configuration's approval; throws every refusal reason. */
function approvalCompletes(ctx: ReviewContext, actor: DecisionActor, confirmedSteps: number[]): boolean {
  const approvedNow = ctx.approvals.length > 0 && (!ctx.higherRisk.needsSecond || ctx.approvals.length >= 2);
  const lastDecision = ctx.current.at(-1);
  if (approvedNow && lastDecision?.decision === 'approve')
    throw new AppError(
      'conflict',
      `This configuration is already approved (${ctx.approvals.map((a) => a.reviewerLabel).join(' and ')}).`,
    );
  const refusals = ctx.refusals({ id: actor.id, email: actor.email, label: actor.label }, confirmedSteps);
  if (refusals.length) throw new RefusedError(refusals.map((r) => r.message));
  // A higher-risk agent's first approval is recorded and waits for a second, different approver.
  return !ctx.higherRisk.needsSecond || ctx.approvals.length >= 1;
}

function outOfDate(ctx: ReviewContext, sequence: number): AppError {
  const last = ctx.current.at(-1);
  if (last && sequence <= last.sequence) {
    return new AppError(
      'conflict',
      `${last.reviewerLabel} decided first ` +
        `(${DECISION_LABELS[last.decision as Decision]}, ` +
        `${formatUtc(last.decidedAt)}). Reload to see the agent as it is now.`,
    );
  }
  return new AppError('conflict', 'The agent changed since you opened it. Reload the page.');
}

/**
 * A complete approval enters the register and supersedes the agent's entry in force; a rejection or a request
 * for changes of the configuration in force withdraws its entry (superseded, kept for evidence).
 */
async function updateRegister(
  tx: Tx,
  workspaceId: string,
  ctx: ReviewContext,
  row: { id: string; decision: string; conditions: string | null; reviewerLabel: string },
  complete: boolean,
  now: Date,
): Promise<string | null> {
  const inForce = await tx.registerEntry.findMany({
    where: { agentId: ctx.agent.id, supersededAt: null },
    select: { id: true, configHash: true },
  });
  if (!complete) {
    const withdrawn = inForce.filter((e) => row.decision !== 'approve' && e.configHash === ctx.agent.configHash);
    if (withdrawn.length)
      await tx.registerEntry.updateMany({
        where: { id: { in: withdrawn.map((e) => e.id) } },
        data: { supersededAt: now, supersededBy: row.id },
      });
    return null;
  }
  const approvals = [...ctx.approvals, row];
  const entry = await tx.registerEntry.create({
    data: {
      workspaceId,
      agentId: ctx.agent.id,
      externalId: ctx.agent.externalId,
      agentName: ctx.agent.name,
      ownerEmail: ctx.agent.ownerEmail,
      versionId: ctx.agent.versionId,
      configHash: ctx.agent.configHash,
      kind: ctx.agent.kind,
      approvers: approvals.map((a) => a.reviewerLabel),
      decisionIds: approvals.map((a) => a.id),
      effectiveAt: now,
      conditions:
        approvals
          .map((a) => a.conditions)
          .filter(Boolean)
          .join('\n') || null,
    },
  });
  if (inForce.length)
    await tx.registerEntry.updateMany({
      where: { id: { in: inForce.map((e) => e.id) } },
      data: { supersededAt: now, supersededBy: entry.id },
    });
  return entry.id;
}
