// A finding's status on read (pure). Stored: open | resolved. Excepted is derived: an open finding
// covered, now, by an exception in force — one that lists its key, or whose scope names it (a role_bit
// exception naming the person for shared connections; an action_control exception for a custom app).
// At the exception's review instant it is no longer in force, so the finding reads open again.
import { inForce } from '@/lib/exceptions/state.ts';
import type { FindingCause, SnapshotException } from './types.ts';

export type FindingStatus = 'open' | 'excepted' | 'resolved';

export type StoredFinding = {
  key: string;
  kind: string;
  subjectId: string;
  subjectLabel: string;
  status: string;
  cause: unknown;
};

function record(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** Whether the exception's scope itself names this finding's subject. */
export function scopeCovers(
  e: Pick<SnapshotException, 'scopeKind' | 'scope'>,
  f: Pick<StoredFinding, 'kind' | 'subjectId' | 'subjectLabel' | 'cause'>,
): boolean {
  const scope = record(e.scope);
  if (e.scopeKind === 'role_bit' && f.kind === 'shared-connections') {
    const people = Array.isArray(scope.people)
      ? scope.people.filter((p): p is string => typeof p === 'string').map((p) => p.toLowerCase())
      : [];
    return scope.bit === 'publish_agents_with_shared_connections' && people.includes(f.subjectLabel.toLowerCase());
  }
  if (e.scopeKind === 'action_control' && f.kind === 'action-custom') {
    const observed = (record(f.cause) as FindingCause).observed;
    return scope.appId === f.subjectId && (scope.mode === undefined || scope.mode === observed);
  }
  return false;
}

/** The exception in force now that covers the finding (the one reviewed latest when several do). */
export function coveringException<E extends SnapshotException>(f: StoredFinding, exceptions: E[], now: Date): E | null {
  const covering = exceptions.filter((e) => inForce(e, now) && (e.findingKeys.includes(f.key) || scopeCovers(e, f)));
  covering.sort((a, b) => b.reviewAt.getTime() - a.reviewAt.getTime() || a.id.localeCompare(b.id));
  return covering[0] ?? null;
}

export function findingStatus(
  f: StoredFinding,
  exceptions: SnapshotException[],
  now: Date,
): { status: FindingStatus; exceptionId: string | null } {
  if (f.status === 'resolved') return { status: 'resolved', exceptionId: null };
  const e = coveringException(f, exceptions, now);
  return e ? { status: 'excepted', exceptionId: e.id } : { status: 'open', exceptionId: null };
}
