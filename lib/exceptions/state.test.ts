import { describe, expect, it } from 'vitest';
import { exceptionStatus, expiringWithin, findingStatus, inForce, latestReviewAt } from './state.ts';

const reviewAt = new Date('2026-03-01T00:00:00Z');

describe('exception state', () => {
  it('is in force until the review instant, then expired without any job', () => {
    const e = { status: 'approved', reviewAt };
    expect(inForce(e, new Date('2026-02-28T23:59:59.999Z'))).toBe(true);
    expect(exceptionStatus(e, reviewAt)).toBe('expired');
    expect(inForce(e, reviewAt)).toBe(false);
  });

  it('never puts a request, a rejection or a revocation in force', () => {
    for (const status of ['requested', 'rejected', 'revoked'])
      expect(inForce({ status, reviewAt }, new Date('2026-01-01T00:00:00Z'))).toBe(false);
  });

  it('allows a review date at most 90 days of 24 hours after approval, in UTC', () => {
    expect(latestReviewAt(new Date('2026-01-01T12:00:00Z')).toISOString()).toBe('2026-04-01T12:00:00.000Z');
  });

  it('flags exceptions reaching their review date within 14 days', () => {
    const e = { status: 'approved', reviewAt };
    expect(expiringWithin(e, new Date('2026-02-15T00:00:00Z'))).toBe(true);
    expect(expiringWithin(e, new Date('2026-02-14T23:59:59Z'))).toBe(false);
  });

  it('shows an open finding as excepted only while an exception covers it; resolved stays resolved', () => {
    expect(findingStatus('open', true)).toBe('excepted');
    expect(findingStatus('open', false)).toBe('open');
    expect(findingStatus('resolved', true)).toBe('resolved');
  });
});
