// An action as the tables show it: plain strings and numbers only (a client component gets no Prisma row), each
// cell's words decided once here for the page, the agent card and their CSV.
import { formatUtc } from '@/lib/format.ts';
import { KIND_LABELS, type ActionStatus } from '@/lib/platform/kinds.ts';
import type { ActionRow } from '@/lib/platform/queries.ts';

export type ActionTableRow = {
  id: string;
  requestedAt: string;
  status: ActionStatus;
  kind: string;
  target: string;
  targetId: string;
  fileId: string | null;
  /** The agent or GPT page, when Tollgate knows the target. */
  targetHref: string | null;
  reason: string;
  requestedBy: string;
  approval: string;
  attempts: number;
  answer: string;
  answerNote: string | null;
  confirmation: string;
};

const OUTCOMES: Record<string, string> = {
  done: 'done',
  already_gone: 'already gone',
  refused: 'refused',
  failed: 'failed',
};

/** Who approved, or why nobody had to (or has yet). */
export function approvalText(a: Pick<ActionRow, 'needsApproval' | 'approvedBy' | 'status'>): string {
  if (a.status === 'dry_run') return 'dry run: nothing to approve';
  if (a.approvedBy) return `approved by ${a.approvedBy}`;
  if (!a.needsApproval) return 'no second person needed';
  if (a.status === 'awaiting_approval') return 'waiting for a second person';
  if (a.status === 'declined') return 'declined by the second person';
  if (a.status === 'expired') return 'not approved within 24 hours';
  return 'needs a second person';
}

export function answerText(a: Pick<ActionRow, 'answerStatus' | 'outcome' | 'status'>): string {
  if (a.answerStatus !== null)
    return `HTTP ${a.answerStatus}${a.outcome ? ` · ${OUTCOMES[a.outcome] ?? a.outcome}` : ''}`;
  if (a.status === 'sending' || a.status === 'queued') return 'not yet';
  if (a.status === 'failed') return a.outcome ? (OUTCOMES[a.outcome] ?? a.outcome) : 'no answer';
  return '—';
}

export function confirmationText(a: Pick<ActionRow, 'confirmedEventId' | 'confirmedAt' | 'status'>): string {
  if (a.confirmedEventId) return `${a.confirmedEventId} at ${formatUtc(a.confirmedAt)}`;
  if (a.status === 'not_seen') return 'not yet seen in the logs (alert open)';
  if (a.status === 'answered') return 'not yet seen';
  return '—';
}

export function toTableRow(a: ActionRow): ActionTableRow {
  return {
    id: a.id,
    requestedAt: formatUtc(a.requestedAt),
    status: a.status,
    kind: KIND_LABELS[a.kind] ?? a.kind,
    target: a.targetLabel,
    targetId: a.targetId,
    fileId: a.fileId,
    targetHref: a.agentId ? `/agents/${encodeURIComponent(a.targetId)}` : null,
    reason: a.reason,
    requestedBy: a.requestedBy,
    approval: approvalText(a),
    attempts: a.attempts,
    answer: answerText(a),
    answerNote: a.note,
    confirmation: confirmationText(a),
  };
}
