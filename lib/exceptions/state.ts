// When a CAB exception is in force (pure). Expiry is computed on read: at the review instant an approved
// exception is expired, with no job having to run, and the findings it covered are open again.
export const MAX_REVIEW_DAYS = 90;
const DAY_MS = 86_400_000;

export type ExceptionStatus = 'requested' | 'approved' | 'rejected' | 'revoked' | 'expired';

export type ExceptionTimes = { status: string; reviewAt: Date };

export function exceptionStatus(e: ExceptionTimes, now: Date): ExceptionStatus {
  if (e.status === 'approved' && now.getTime() >= e.reviewAt.getTime()) return 'expired';
  return e.status as ExceptionStatus;
}

export function inForce(e: ExceptionTimes, now: Date): boolean {
  return exceptionStatus(e, now) === 'approved';
}

/** The latest review date an approval at `approvedAt` allows (UTC instants; 90 × 24 h). */
export function latestReviewAt(approvedAt: Date): Date {
  return new Date(approvedAt.getTime() + MAX_REVIEW_DAYS * DAY_MS);
}

/** In force and reaching its review date within `days` (14 on Exceptions and Overview). */
export function expiringWithin(e: ExceptionTimes, now: Date, days = 14): boolean {
  return inForce(e, now) && e.reviewAt.getTime() - now.getTime() <= days * DAY_MS;
}

export type FindingStatus = 'open' | 'excepted' | 'resolved';

/** A finding's status as shown: `excepted` while an in-force exception covers it (never stored). */
export function findingStatus(stored: string, covered: boolean): FindingStatus {
  if (stored === 'resolved') return 'resolved';
  return covered ? 'excepted' : 'open';
}
