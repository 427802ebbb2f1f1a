// CAB exception rules (pure): which transitions exist, who may decide, how far the review date may be.
// Expiry is not a transition: it is derived on read (state.ts). Renewal is a new request.
import { AppError } from '@/lib/http/app-error.ts';
import { can, type Role } from '@/lib/auth/permissions.ts';
import { exceptionStatus, latestReviewAt, MAX_REVIEW_DAYS, type ExceptionTimes } from './state.ts';

export const ROLE_BITS = [
  'use_agents',
  'build_agents',
  'publish_agents',
  'publish_agents_with_shared_connections',
  'enable_slack_bot',
] as const;
export type RoleBit = (typeof ROLE_BITS)[number];

export const ACTION_MODES = ['allow_all', 'read_only', 'custom'] as const;
export const SCOPE_KINDS = [
  'role_bit',
  'action_control',
  'trifecta',
  'approval_gate',
  'control_na',
  'findings',
] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

export type Scope =
  | { kind: 'role_bit'; bit: RoleBit; people: string[] }
  | { kind: 'action_control'; appId: string; mode: (typeof ACTION_MODES)[number] }
  | { kind: 'trifecta'; agentId: string; configHash: string }
  /** An agent may go without a human gate on these approval categories (6.03), at one configuration. */
  | { kind: 'approval_gate'; agentId: string; configHash: string; categories: string[] }
  /** A control of the guide does not apply to this organisation: posture leaves it out while in force. */
  | { kind: 'control_na'; controlId: string }
  /** Only the findings the exception lists by key (a GPT's departure from the GPT policy, say): nothing more. */
  | { kind: 'findings' };

export type Transition = 'approve' | 'reject' | 'revoke';

const DAY_MS = 86_400_000;

const ALLOWED: Record<Transition, { from: string; to: 'approved' | 'rejected' | 'revoked' }> = {
  approve: { from: 'requested', to: 'approved' },
  reject: { from: 'requested', to: 'rejected' },
  revoke: { from: 'approved', to: 'revoked' },
};

/** The status a transition leads to, or a refusal naming the status it is in (expired derived at `now`). */
export function nextStatus(e: ExceptionTimes, transition: Transition, now: Date): 'approved' | 'rejected' | 'revoked' {
  const current = exceptionStatus(e, now);
  const rule = ALLOWED[transition];
  if (current !== rule.from) {
    const hint = current === 'expired' ? ' Renewal is a new request.' : '';
    throw new AppError(
      'conflict',
      `This exception is ${current}; only ` +
        `${rule.from === 'approved' ? 'an' : 'a'} ${rule.from} exception can be ${rule.to}.${hint}`,
    );
  }
  return rule.to;
}

export type Person = { id: string | null; label: string };

/** One person: the same user id, or (when an id is missing) the same e-mail or label, ignoring case. */
export function samePerson(a: Person, b: Person): boolean {
  if (a.id && b.id && a.id === b.id) return true;
  return a.label.trim().toLowerCase() === b.label.trim().toLowerCase();
}

/** Approving or rejecting: the decider holds exceptions:approve and is not the requester. */
export function assertMayDecide(requester: Person, decider: Person & { roles: readonly Role[] }): void {
  if (!can(decider.roles, 'exceptions:approve'))
    throw new AppError('forbidden', 'Deciding an exception needs the exceptions:approve permission (CISO).');
  if (samePerson(requester, decider))
    throw new AppError(
      'forbidden',
      'The requester cannot decide their own exception: another holder of exceptions:approve must.',
    );
}

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Whole days (rounded up) from `from` to `to`: 90 days and one millisecond is 91. */
export function daysBetween(from: Date, to: Date): number {
  return Math.ceil((to.getTime() - from.getTime()) / DAY_MS);
}

/**
 * The review date must fall after `from` and at most 90 days after it. `from` is the approval instant;
 * at request time it is now, the earliest possible approval.
 */
export function assertReviewDate(reviewAt: Date, from: Date, when: 'approval' | 'request'): void {
  if (Number.isNaN(reviewAt.getTime())) throw new AppError('unprocessable', 'The review date is not a valid date.');
  if (reviewAt.getTime() <= from.getTime()) {
    throw new AppError(
      'unprocessable',
      `The review date ${isoDay(reviewAt)} is not after ${when === 'approval' ? 'approval' : 'today'}.`,
    );
  }
  if (reviewAt.getTime() > latestReviewAt(from).getTime()) {
    const days = daysBetween(from, reviewAt);
    throw new AppError(
      'unprocessable',
      when === 'approval'
        ? `The review date ${isoDay(reviewAt)} is ${days} days after approval; at most ${MAX_REVIEW_DAYS} are allowed.`
        : `The review date ${isoDay(reviewAt)} is ${days} days away; at most ` +
            `${MAX_REVIEW_DAYS} days after approval are allowed.`,
    );
  }
}

/** A `YYYY-MM-DD` day from a form is its midnight UTC; a full ISO instant is taken as written. */
export function parseReviewDate(text: string): Date {
  const t = text.trim();
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(t) ? `${t}T00:00:00.000Z` : t);
}

/** What a scope reads as, for lists and audit. */
export function describeScope(scope: Scope, agentName?: string): string {
  switch (scope.kind) {
    case 'role_bit':
      return `${scope.bit} for ${scope.people.join(', ')}`;
    case 'action_control':
      return `${scope.appId} action control ${scope.mode}`;
    case 'trifecta':
      return `trifecta of ${agentName ?? scope.agentId} at configuration ${scope.configHash.slice(0, 12)}…`;
    case 'control_na':
      return `control ${scope.controlId} not applicable`;
    case 'findings':
      return 'the findings listed';
    case 'approval_gate':
      return (
        `missing approval gate (${scope.categories.join(', ')}) on ` +
        `${agentName ?? scope.agentId} at configuration ${scope.configHash.slice(0, 12)}…`
      );
  }
}
