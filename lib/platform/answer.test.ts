// What each answer of the platform does to an action: accepted, already gone, refused naming the key and scope,
// or retried with a back-off that honours Retry-After and gives up after the last attempt.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffMs, judgeAnswer, MAX_ATTEMPTS, RETRY_AFTER_CAP_MS } from './answer.ts';

const answer = (status: number | null, extra: { retryAfterMs?: number; body?: unknown; error?: string } = {}) => ({
  status,
  retryAfterMs: extra.retryAfterMs ?? null,
  body: extra.body ?? null,
  error: extra.error ?? null,
});

describe('judgeAnswer', () => {
  it('a 2xx is answered and done', () => {
    expect(judgeAnswer('unpublish_agent', answer(200), 1)).toEqual({ status: 'answered', outcome: 'done', note: null });
    expect(judgeAnswer('isolate_gpt', answer(204), 3).status).toBe('answered');
  });

  it('a 404 is a success with a note that the target is already gone', () => {
    const v = judgeAnswer('delete_gpt', answer(404), 1);
    expect(v).toMatchObject({ status: 'answered', outcome: 'already_gone' });
    expect(v.note).toMatch(/GPT is already gone/);
  });

  it('401 and 403 stop at once and name the act key; 403 names the delete/act scope', () => {
    const v401 = judgeAnswer('unpublish_agent', answer(401), 1);
    expect(v401).toMatchObject({ status: 'failed', outcome: 'refused' });
    expect(v401.note).toMatch(/act key was refused \(401\)/);
    const v403 = judgeAnswer('unpublish_agent', answer(403, { body: { error: { message: 'missing scope' } } }), 1);
    expect(v403).toMatchObject({ status: 'failed', outcome: 'refused' });
    expect(v403.note).toMatch(/act key was refused \(403\).*delete\/act scope/);
    expect(v403.note).toMatch(/The platform said: missing scope/);
  });

  it('another 4xx fails without a retry', () => {
    expect(judgeAnswer('delete_agent', answer(422), 1)).toMatchObject({ status: 'failed', outcome: 'failed' });
  });

  it('429, 5xx and no answer go back to the queue until the last attempt, then fail', () => {
    for (const a of [answer(429), answer(503), answer(null, { error: 'timeout' })]) {
      expect(judgeAnswer('unpublish_agent', a, 1).status).toBe('queued');
      expect(judgeAnswer('unpublish_agent', a, MAX_ATTEMPTS - 1).status).toBe('queued');
      const last = judgeAnswer('unpublish_agent', a, MAX_ATTEMPTS);
      expect(last).toMatchObject({ status: 'failed', outcome: 'failed' });
      expect(last.note).toMatch(new RegExp(`after ${MAX_ATTEMPTS} attempts`));
    }
  });

  it('a 429 with Retry-After waits exactly that long', () => {
    expect(judgeAnswer('unpublish_agent', answer(429, { retryAfterMs: 7_000 }), 2)).toMatchObject({
      status: 'queued',
      retryInMs: 7_000,
    });
  });
});

describe('backoffMs', () => {
  it('honours Retry-After up to its cap, whatever the attempt', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 10 * 3_600_000 }), (attempt, after) => {
        expect(backoffMs(attempt, after, () => 0.5)).toBe(Math.min(after, RETRY_AFTER_CAP_MS));
      }),
    );
  });

  it('grows exponentially with full jitter, at least a second, never beyond the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, r) => {
        const ms = backoffMs(attempt, null, () => r);
        const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
        expect(ms).toBeGreaterThanOrEqual(1_000);
        expect(ms).toBeLessThanOrEqual(Math.max(1_000, ceiling));
      }),
    );
    expect(backoffMs(1, null, () => 1)).toBe(BACKOFF_BASE_MS);
    expect(backoffMs(3, null, () => 1)).toBe(BACKOFF_BASE_MS * 4);
    expect(backoffMs(30, null, () => 1)).toBe(BACKOFF_CAP_MS);
  });
});
