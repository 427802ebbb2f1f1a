// SCIM requests per token, counted in PostgreSQL (rate-limiter-flexible's store on the api_rate_limit table, under
// the "scim" prefix) so that several Tollgate instances behind one load balancer spend one budget, as the REST API
// does (lib/api/rate-limit.ts). A window of capacity ÷ rate seconds holds `capacity` requests: bursts of 100 and
// 10 a second on average, the figures of SCIM_RATE_LIMIT. The daily housekeeping deletes ended windows.
import pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { directDatabaseUrl } from '@/lib/runtime/database-urls.ts';
import { type RateLimit, SCIM_RATE_LIMIT } from './rate-limit.ts';

/** 0 when `key` may make one more request now (and it is counted), else the seconds to wait (Retry-After). */
export type RequestLimiter = { take(key: string, nowMs: number): number | Promise<number> };

export function sharedScimLimiter(url = directDatabaseUrl() ?? '', limit: RateLimit = SCIM_RATE_LIMIT): RequestLimiter {
  // Direct, never through a transaction pooler: the library prepares named statements.
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const limiter = new RateLimiterPostgres({
    storeClient: pool,
    storeType: 'pool',
    tableName: 'api_rate_limit',
    tableCreated: true, // the migration made it: the library never runs DDL
    clearExpiredByTimeout: false,
    keyPrefix: 'scim',
    points: limit.capacity,
    duration: Math.max(1, Math.round(limit.capacity / limit.perSecond)),
  });
  return {
    async take(key) {
      try {
        await limiter.consume(key, 1);
        return 0;
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        throw rejection;
      }
    },
  };
}
