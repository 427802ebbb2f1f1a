// The app's PostgreSQL pool size per process (lib/db.ts), kept apart from the client so that the proxy can size
// its admission limit from it without loading Prisma (decision 0035).
export const DB_POOL_MAX = 10;
