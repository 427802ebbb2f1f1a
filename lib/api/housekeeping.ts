// Daily housekeeping of the API's own state: rate-limit windows that ended (rate-limiter-flexible's Postgres store
// deletes nothing itself with clearExpiredByTimeout off) and Idempotency-Key answers past their 24 hours.
import type { Db } from '@/lib/db.ts';
import { IDEMPOTENCY_HOURS } from './idempotency.ts';

export async function pruneApiState(db: Db, now = new Date()): Promise<{ windows: number; answers: number }> {
  const windows = await db.apiRateLimit.deleteMany({ where: { expire: { lt: BigInt(now.getTime()) } } });
  const answers = await db.apiIdempotency.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_HOURS * 3_600_000) } },
  });
  return { windows: windows.count, answers: answers.count };
}
