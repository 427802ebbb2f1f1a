// The rules of a campaign, pure so the service, the job and the tests share them: who reviews which item,
// what a valid decision is, when a campaign is complete, and when its successor starts.
import { AppError } from '@/lib/http/app-error.ts';
import { type Decision, DECISIONS, REASSIGNABLE, type Reviewer, type Scope } from './types.ts';

const DAY_MS = 86_400_000;
export const MAX_REASON = 2000;
export const MIN_RECURRENCE_DAYS = 7;
export const MAX_RECURRENCE_DAYS = 366;
/** Reviewers with undecided items hear once when the due date is this close. */
export const REMIND_DAYS = 3;

/**
 * Items to reviewers in turn over the items in key order (the same data gives the same assignment), skipping a
 * reviewer who holds the access under review when another reviewer can take it: nobody reviews their own access.
 */
export function assignReviewers<T extends { key: string; holder: string }>(
  items: readonly T[],
  reviewers: readonly Reviewer[],
): (T & { reviewer: Reviewer })[] {
  if (reviewers.length === 0) throw new AppError('unprocessable', 'reviewers: pick at least one reviewer.');
  const sorted = [...items].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  let turn = 0;
  return sorted.map((item) => {
    const holder = item.holder.toLowerCase();
    let pick = reviewers[turn % reviewers.length]!;
    for (let i = 0; i < reviewers.length && pick.label.toLowerCase() === holder; i++) {
      pick = reviewers[(turn + i + 1) % reviewers.length]!;
    }
    turn++;
    return { ...item, reviewer: pick };
  });
}

export type DecisionInput = { decision: string; reason: string; reassignTo?: string | null };
export type CheckedDecision = { decision: Decision; reason: string; reassignTo: string | null };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A decision with its reason; reassign only for ownership, to someone else, named by email. */
export function checkDecision(scope: Scope, holder: string, input: DecisionInput): CheckedDecision {
  const decision = input.decision as Decision;
  if (!DECISIONS.includes(decision)) throw new AppError('unprocessable', 'decision: keep, revoke or reassign.');
  const reason = input.reason.trim();
  if (!reason) throw new AppError('unprocessable', 'reason: say why.');
  if (reason.length > MAX_REASON) throw new AppError('unprocessable', `reason: at most ${MAX_REASON} characters.`);
  if (decision !== 'reassign') return { decision, reason, reassignTo: null };
  if (!REASSIGNABLE.includes(scope))
    throw new AppError('unprocessable', 'reassign: only ownership can be reassigned; revoke the access instead.');
  const to = (input.reassignTo ?? '').trim().toLowerCase();
  if (!EMAIL.test(to) || to.length > 320) throw new AppError('unprocessable', 'reassignTo: the new owner’s email.');
  if (to === holder.toLowerCase()) throw new AppError('unprocessable', 'reassignTo: that is the current owner.');
  return { decision, reason, reassignTo: to };
}

export type ReviewerProgress = { reviewerId: string; reviewer: string; decided: number; total: number };

/** Decided and total items per reviewer, in the order the reviewers were picked. */
export function progressByReviewer(
  reviewers: readonly Reviewer[],
  items: readonly { reviewerId: string; decision: string | null }[],
): ReviewerProgress[] {
  return reviewers.map((r) => {
    const mine = items.filter((i) => i.reviewerId === r.id);
    return {
      reviewerId: r.id,
      reviewer: r.label,
      decided: mine.filter((i) => i.decision !== null).length,
      total: mine.length,
    };
  });
}

/** The first and due dates of a recurring campaign's successor: same length, `recurrenceDays` after its start. */
export function successorDates(previous: { startsAt: Date; dueAt: Date; recurrenceDays: number }) {
  const startsAt = new Date(previous.startsAt.getTime() + previous.recurrenceDays * DAY_MS);
  return { startsAt, dueAt: new Date(startsAt.getTime() + (previous.dueAt.getTime() - previous.startsAt.getTime())) };
}

/** A recurring campaign is followed once it has ended (completed or closed) or reached its due date. */
export function needsSuccessor(
  c: { status: string; dueAt: Date; recurrenceDays: number | null; hasSuccessor: boolean },
  now: Date,
): boolean {
  if (c.recurrenceDays === null || c.hasSuccessor || c.status === 'scheduled') return false;
  return c.status !== 'running' || c.dueAt.getTime() <= now.getTime();
}

export function isOverdue(c: { status: string; dueAt: Date }, now: Date): boolean {
  return c.status === 'running' && c.dueAt.getTime() <= now.getTime();
}

export function checkRecurrence(days: number | null): number | null {
  if (days === null) return null;
  if (!Number.isInteger(days) || days < MIN_RECURRENCE_DAYS || days > MAX_RECURRENCE_DAYS)
    throw new AppError(
      'unprocessable',
      `recurrenceDays: a whole number of days from ${MIN_RECURRENCE_DAYS} to ${MAX_RECURRENCE_DAYS}.`,
    );
  return days;
}
