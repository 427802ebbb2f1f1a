// The simulated platform's limits on its routes: the per-route window (the platform's ~100 requests a minute per
// route → 429 with the seconds left in the window), and "429 now and then" on the acting routes — random, but
// seeded, so a test sees the same requests throttled on every run.
export const WINDOW_MS = 60_000;

export type RouteWindows = {
  /** Counts the request; the seconds to wait when it is over the limit, else null. */
  admit(route: string, now: number): number | null;
};

export function createRouteWindows(perMinute: number): RouteWindows {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    admit(route, now) {
      const window = windows.get(route);
      if (!window || now - window.start >= WINDOW_MS) {
        windows.set(route, { start: now, count: 1 });
        return null;
      }
      if (++window.count <= perMinute) return null;
      return Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000));
    },
  };
}

/** With probability `probability`, the seconds a throttled request should wait (1–3); else null. */
export function createRandomThrottle(probability: number, seed: number): () => number | null {
  const random = seededRandom(seed);
  return () => (random() < probability ? 1 + Math.floor(random() * 3) : null);
}

/** A small seeded generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
