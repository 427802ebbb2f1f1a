// Platform actions (6.5, issue 18): every unpublish, isolate or delete Tollgate asked the platform for within the
// period — who asked and why, the second person, each HTTP attempt, the platform's answer and the log event that
// confirms it. As of the pack's instant: an approval, attempt, answer or confirmation recorded after it is left out
// and the status reads as it stood then (docs/decisions/0026 has the states).
import type { Db } from '@/lib/db.ts';
import { actionsRequestedBetween } from '@/lib/platform/queries.ts';
import { before, changesEnd, PAGE } from './read.ts';
import type { EvidenceSetDef, SetContext } from './types.ts';

type Action = {
  status: string;
  needsApproval: boolean;
  approvedAt: Date | null;
  expiresAt: Date | null;
  answeredAt: Date | null;
  confirmedAt: Date | null;
};

/**
 * The status at `asOf` from the recorded instants. A decline and "not seen" carry no instant of their own: they read
 * as stored once nothing later contradicts them.
 */
export function statusAsOf(a: Action, attempts: { startedAt: Date; finishedAt: Date | null }[], asOf: Date): string {
  if (a.status === 'dry_run') return 'dry_run';
  if (before(a.confirmedAt, asOf)) return 'confirmed';
  if (before(a.answeredAt, asOf)) return a.status === 'not_seen' ? 'not_seen' : 'answered';
  const sent = attempts.filter((t) => before(t.startedAt, asOf));
  if (a.status === 'failed' && sent.length > 0 && sent.every((t) => before(t.finishedAt, asOf))) return 'failed';
  if (a.needsApproval && !before(a.approvedAt, asOf)) {
    if (before(a.expiresAt, asOf)) return 'expired';
    return a.status === 'declined' ? 'declined' : 'awaiting_approval';
  }
  return sent.length > 0 ? 'sending' : 'queued';
}

const minutes = (from: Date | null, to: Date | null) =>
  from && to ? Math.round((to.getTime() - from.getTime()) / 600) / 100 : null;

async function* rows(db: Db, ctx: SetContext): AsyncIterable<Record<string, unknown>> {
  const range = { from: ctx.period.from, to: changesEnd(ctx) };
  for await (const a of actionsRequestedBetween(db, ctx.workspaceId, range, PAGE)) {
    const attempts = a.attempts.filter((t) => before(t.startedAt, ctx.asOf));
    const approved = before(a.approvedAt, ctx.asOf);
    const answered = before(a.answeredAt, ctx.asOf);
    const confirmed = before(a.confirmedAt, ctx.asOf);
    const status = statusAsOf(a, a.attempts, ctx.asOf);
    yield {
      id: a.id,
      kind: a.kind,
      targetId: a.targetId,
      fileId: a.fileId,
      target: a.targetLabel,
      reason: a.reason,
      requestedBy: a.requestedBy,
      policy: a.policyKey ? `${a.policyKey} v${a.policyVersion ?? ''}` : null,
      requestedAt: a.requestedAt,
      batchId: a.batchId,
      needsApproval: a.needsApproval,
      approvedBy: approved ? a.approvedBy : null,
      approvedAt: approved ? a.approvedAt : null,
      status,
      attempts: attempts.map((t) => ({
        number: t.number,
        startedAt: t.startedAt.toISOString(),
        finishedAt: before(t.finishedAt, ctx.asOf) ? t.finishedAt!.toISOString() : null,
        status: before(t.finishedAt, ctx.asOf) ? t.status : null,
        error: before(t.finishedAt, ctx.asOf) ? t.error : null,
      })),
      answerStatus: answered ? a.answerStatus : null,
      outcome: answered ? a.outcome : null,
      answeredAt: answered ? a.answeredAt : null,
      confirmedEventId: confirmed ? a.confirmedEventId : null,
      confirmedAt: confirmed ? a.confirmedAt : null,
      minutesToAnswer: answered ? minutes(a.requestedAt, a.answeredAt) : null,
      minutesToConfirm: confirmed ? minutes(a.requestedAt, a.confirmedAt) : null,
      suspensionId: a.suspensionId,
      // The note explains the stored state (a refusal, a decline): shown only when the row reads that state.
      note: status === a.status ? a.note : null,
    };
  }
}

export const platformActionsSet: EvidenceSetDef = {
  name: 'platform-actions',
  title: 'Platform actions: what Tollgate asked the platform to do, and the proof it was done',
  kind: 'changes',
  controls: ['6.5'],
  columns: [
    'id',
    'kind',
    'targetId',
    'fileId',
    'target',
    'reason',
    'requestedBy',
    'policy',
    'requestedAt',
    'batchId',
    'needsApproval',
    'approvedBy',
    'approvedAt',
    'status',
    'attempts',
    'answerStatus',
    'outcome',
    'answeredAt',
    'confirmedEventId',
    'confirmedAt',
    'minutesToAnswer',
    'minutesToConfirm',
    'suspensionId',
    'note',
  ],
  note:
    'Every platform action (unpublish, isolate, delete agent, GPT or knowledge file) requested within the period: ' +
    'requester or policy, reason, the second person who approved it (deletes and requests for more than 10 ' +
    'targets), each HTTP attempt with its status code, the platform’s answer, and the Compliance Logs event the ' +
    'puller read from the platform that confirms it, with minutes from the request. Anything recorded after the ' +
    'pack’s as-of instant is left out and the status reads as it stood then.',
  rows,
};
