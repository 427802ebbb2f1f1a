// The route limiter never lets more than its limit leave in any window, whatever the timing of the callers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRouteLimiter, routeKey } from './limiter.ts';

describe('createRouteLimiter', () => {
  it('allows the limit, then says how long to wait until the oldest request leaves the window', () => {
    const limiter = createRouteLimiter(3, 1_000);
    expect([0, 10, 20].map((t) => limiter.take('a', t))).toEqual([0, 0, 0]);
    expect(limiter.take('a', 500)).toBe(500);
    expect(limiter.take('b', 500)).toBe(0); // another route (or workspace) has its own window
    expect(limiter.take('a', 1_000)).toBe(0);
    expect(limiter.take('a', 1_001)).toBe(9);
  });

  it('never lets more than the limit through in any window (property, injected clock)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 300 }),
        (limit, gaps) => {
          const windowMs = 1_000;
          const limiter = createRouteLimiter(limit, windowMs);
          const sent: number[] = [];
          let now = 0;
          for (const gap of gaps) {
            now += gap;
            if (limiter.take(routeKey('ws', 'unpublish_agent'), now) === 0) sent.push(now);
          }
          for (const t of sent)
            expect(sent.filter((s) => s >= t && s < t + windowMs).length).toBeLessThanOrEqual(limit);
        },
      ),
    );
  });

  it('a caller that waits as told is let through', () => {
    const limiter = createRouteLimiter(2, 1_000);
    let now = 0;
    let sent = 0;
    while (sent < 7) {
      const wait = limiter.take('k', now);
      if (wait === 0) sent++;
      else now += wait;
    }
    expect(now).toBe(3_000); // 7 requests at 2 per second: the 7th leaves at the start of the 4th window
  });
});
