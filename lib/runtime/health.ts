// The database's part of GET /api/health: one round trip, timed. Never throws: an unreachable database is an
// answer, not an error.
import type { Db } from '@/lib/db.ts';

export type DatabaseHealth = { status: 'ok'; latencyMs: number } | { status: 'unreachable' };

export async function databaseHealth(db: Db): Promise<DatabaseHealth> {
  const started = Date.now();
  try {
    await db.$queryRaw`SELECT 1`;
    return { status: 'ok', latencyMs: Date.now() - started };
  } catch {
    return { status: 'unreachable' };
  }
}
