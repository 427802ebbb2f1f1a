// Two ways to the same database. DATABASE_URL may go through a transaction pooler (PgBouncer in transaction mode):
// each transaction may land on a different server connection, which suits the app's Prisma client (unnamed
// statements, one transaction at a time). What needs one session for longer — migrations (a session advisory
// lock), pg-boss, log ingestion (a session advisory lock across many transactions), the API rate limiter (named
// prepared statements) — connects through DIRECT_DATABASE_URL, which defaults to DATABASE_URL.
import { ConfigError, type Env } from './config-error.ts';

/** The direct URL, or undefined with neither set (the embedded database: the runtime passes its own URL on). */
export function directDatabaseUrl(env: Env = process.env): string | undefined {
  return env.DIRECT_DATABASE_URL || env.DATABASE_URL || undefined;
}

/** DIRECT_DATABASE_URL alone would point the session features somewhere the app does not read. */
export function assertDatabaseUrls(env: Env = process.env): void {
  if (env.DIRECT_DATABASE_URL && !env.DATABASE_URL)
    throw new ConfigError(
      'DIRECT_DATABASE_URL',
      'is set without DATABASE_URL; set DATABASE_URL to the same database (through the pooler, if there is one)',
    );
}
