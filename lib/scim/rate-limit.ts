// A token bucket per SCIM token, in memory (one Tollgate instance). Defaults: bursts of 100 requests,
// refilled at 10 per second (600 a minute) — above what Okta or Entra ID send in an initial sync, low
// enough that a leaked token cannot flood the database. Time is injected so tests never sleep.
export type RateLimit = { capacity: number; perSecond: number };
export const SCIM_RATE_LIMIT: RateLimit = { capacity: 100, perSecond: 10 };
/** Failed authentications per client address: 20 in a burst, then one every 6 s (10 a minute). A real IdP
 *  with a revoked token fails a few times a minute; guessing tokens at that pace is hopeless. */
export const FAILED_AUTH_LIMIT: RateLimit = { capacity: 20, perSecond: 1 / 6 };

type Bucket = { tokens: number; at: number };
// Keys are tokens or client addresses: past this many, buckets that have refilled are forgotten.
const MAX_KEYS = 10_000;

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  constructor(private readonly limit: RateLimit = SCIM_RATE_LIMIT) {}

  /** Seconds until `key` may spend one more (0: now), without spending it. */
  wait(key: string, nowMs: number): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return 0;
    const refilled = Math.min(
      this.limit.capacity,
      bucket.tokens + (Math.max(0, nowMs - bucket.at) / 1000) * this.limit.perSecond,
    );
    return refilled >= 1 ? 0 : Math.max(1, Math.ceil((1 - refilled) / this.limit.perSecond));
  }

  /** Takes one request from `key`'s bucket: 0 when allowed, else the seconds to wait (Retry-After). */
  take(key: string, nowMs: number): number {
    if (this.buckets.size > MAX_KEYS) this.prune(nowMs);
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.capacity, at: nowMs };
    const refilled = Math.min(
      this.limit.capacity,
      bucket.tokens + (Math.max(0, nowMs - bucket.at) / 1000) * this.limit.perSecond,
    );
    if (refilled >= 1) {
      this.buckets.set(key, { tokens: refilled - 1, at: nowMs });
      return 0;
    }
    this.buckets.set(key, { tokens: refilled, at: nowMs });
    return Math.max(1, Math.ceil((1 - refilled) / this.limit.perSecond));
  }

  private prune(nowMs: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((nowMs - bucket.at) / 1000) * this.limit.perSecond >= this.limit.capacity)
        this.buckets.delete(key);
    }
  }
}
