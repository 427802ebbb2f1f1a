// Requests per token per minute, counted in PostgreSQL (rate-limiter-flexible's Postgres store on the
// api_rate_limit table) so every Tollgate instance spends the same budget. TOLLGATE_API_RATE_LIMIT sets it.
import pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { directDatabaseUrl } from '@/lib/runtime/database-urls.ts';

export const WINDOW_SECONDS = 60;
export const DEFAULT_PER_MINUTE = 600;

export type RateDecision = { allowed: boolean; limit: number; remaining: number; resetSeconds: number };

export function configuredLimit(env = process.env): number {
  const text = env.TOLLGATE_API_RATE_LIMIT;
  if (text === undefined || text === '') return DEFAULT_PER_MINUTE;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000)
    throw new Error(`TOLLGATE_API_RATE_LIMIT: a whole number of requests per minute, 1 to 1000000 (got "${text}").`);
  return n;
}

const globalForLimit = globalThis as unknown as {
  tollgateApiLimiter?: { url: string; points: number; limiter: RateLimiterPostgres };
};

function limiter(): RateLimiterPostgres {
  // Direct, never through a transaction pooler: the library prepares named statements.
  const url = directDatabaseUrl() ?? '';
  const points = configuredLimit();
  const cached = globalForLimit.tollgateApiLimiter;
  if (cached && cached.url === url && cached.points === points) return cached.limiter;
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const made = new RateLimiterPostgres({
    storeClient: pool,
    storeType: 'pool',
    tableName: 'api_rate_limit',
    tableCreated: true, // the migration made it: the library never runs DDL
    clearExpiredByTimeout: false, // the scheduler's housekeeping deletes expired rows
    keyPrefix: 'api',
    points,
    duration: WINDOW_SECONDS,
  });
  globalForLimit.tollgateApiLimiter = { url, points, limiter: made };
  return made;
}

/** Spends one request of `key`'s budget. */
export async function takeRequest(key: string): Promise<RateDecision> {
  const l = limiter();
  try {
    const res = await l.consume(key, 1);
    return decision(true, l.points, res);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return decision(false, l.points, rejection);
    throw rejection;
  }
}

function decision(allowed: boolean, limit: number, res: RateLimiterRes): RateDecision {
  return {
    allowed,
    limit,
    remaining: res.remainingPoints,
    resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
  };
}

/** The IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers): the policy and what is left of it. */
export function rateLimitHeaders(d: RateDecision): Record<string, string> {
  const headers: Record<string, string> = {
    'ratelimit-policy': `"per-token";q=${d.limit};w=${WINDOW_SECONDS}`,
    ratelimit: `"per-token";r=${d.remaining};t=${d.resetSeconds}`,
  };
  if (!d.allowed) headers['retry-after'] = String(d.resetSeconds);
  return headers;
}
