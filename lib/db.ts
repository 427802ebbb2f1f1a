// The one Prisma client (driver adapter over node-postgres; Prisma 7 needs no engine binary).
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.ts';
import { DB_POOL_MAX } from './runtime/pool-size.ts';

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

// COPY … FROM STDIN needs a plain node-postgres connection (the agent import's staging, decision 0037). Kept on the
// client under a registered symbol: Next may bundle this module more than once, and every copy must read it.
const URL_KEY = Symbol.for('tollgate.databaseUrl');

// Safe behind PgBouncer in transaction mode: the adapter sends unnamed statements (no statementNameGenerator), and
// session state is only ever taken through DIRECT_DATABASE_URL (lib/runtime/database-urls.ts, decision 0031).
export function createDb(url: string): PrismaClient {
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: DB_POOL_MAX }) });
  Object.defineProperty(client, URL_KEY, { value: url });
  return client;
}

/** The URL a client from createDb connects to. */
export function databaseUrlOf(db: PrismaClient): string {
  const url = (db as unknown as Record<symbol, string | undefined>)[URL_KEY];
  if (url === undefined) throw new Error('This database client was not made by createDb: its URL is unknown.');
  return url;
}

const globalForDb = globalThis as unknown as { tollgateDb?: PrismaClient };

/** The app's shared client, created on first use from DATABASE_URL (set by the start script). */
export function db(): PrismaClient {
  if (!globalForDb.tollgateDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: start Tollgate with `npm start`, which sets it.');
    globalForDb.tollgateDb = createDb(url);
  }
  return globalForDb.tollgateDb;
}
