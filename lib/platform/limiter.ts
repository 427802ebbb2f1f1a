// The executor's own limit per acting route, so Tollgate stays under the platform's (about 100 requests a minute per
// route) instead of learning it from 429s. A sliding window: the times of the last `perWindow` requests per key;
// a request may leave once the oldest of them is a full window old. One instance is shared by every caller in the
// process (the scheduled job, a suspension waiting for its answer, the CLI). Pure: the clock is passed in.
import { ROUTE_LIMIT_PER_MINUTE } from './kinds.ts';

/** A minute plus a margin: the platform's window starts when ITS clock sees the first request, a little later. */
export const ROUTE_WINDOW_MS = 61_000;

export type RouteLimiter = {
  /** Takes a slot for `key` at `now` (ms) and answers 0, or answers how long to wait and takes nothing. */
  take(key: string, now: number): number;
};

export function createRouteLimiter(perWindow = ROUTE_LIMIT_PER_MINUTE, windowMs = ROUTE_WINDOW_MS): RouteLimiter {
  const sent = new Map<string, number[]>();
  return {
    take(key, now) {
      const times = sent.get(key) ?? [];
      while (times.length > 0 && times[0]! <= now - windowMs) times.shift();
      if (times.length >= perWindow) return times[0]! + windowMs - now;
      times.push(now);
      sent.set(key, times);
      return 0;
    },
  };
}

/** The route an action uses: one per kind, per workspace (each workspace's key has its own limits). */
export const routeKey = (workspaceId: string, kind: string) => `${workspaceId}\u0000${kind}`;

/** The process's limiter. */
export const ROUTE_LIMITER = createRouteLimiter();
