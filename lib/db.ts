// The one Prisma client (driver adapter over node-postgres; Prisma 7 needs no engine binary).
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.ts';

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

export function createDb(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
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
