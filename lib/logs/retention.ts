// Retention of Compliance Logs content (personal data): per log type, 30 days unless an admin sets
// otherwise; event metadata is kept. Purging removes content older than its period — whole days at a time where it
// can (LogContent is partitioned by day, decision 0032) — and is audited, by the daily job (actor "system") or by an
// admin.
import type { Actor } from '@/lib/audit/record.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import type { Db } from '@/lib/db.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { LOG_TYPES } from './event-types.ts';
import { partitionsBefore } from './partition-plan.ts';
import { partitionNames } from './queries.ts';

export const DEFAULT_CONTENT_DAYS = 30;
const DAY_MS = 86_400_000;
const ago = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

export async function retentionDays(db: Db): Promise<Record<string, number>> {
  const rows = await db.contentRetention.findMany();
  const stored = await db.$queryRaw<{ logType: string }[]>`SELECT DISTINCT "logType" FROM "LogContent"`;
  const types = [...new Set([...LOG_TYPES, ...rows.map((r) => r.logType), ...stored.map((s) => s.logType)])].sort();
  return Object.fromEntries(types.map((t) => [t, rows.find((r) => r.logType === t)?.days ?? DEFAULT_CONTENT_DAYS]));
}

export async function setRetention(db: Db, actor: Actor, logType: string, days: number) {
  if (!Number.isInteger(days) || days < 1 || days > 3650)
    throw new AppError('unprocessable', 'Retention is a whole number of days from 1 to 3650.');
  await db.$transaction(async (tx) => {
    const before = await tx.contentRetention.findUnique({ where: { logType } });
    await tx.contentRetention.upsert({
      where: { logType },
      create: { logType, days, updatedBy: actor.label },
      update: { days, updatedBy: actor.label, updatedAt: new Date() },
    });
    await recordAudit(tx, actor, {
      action: 'logs.retention.set',
      targetType: 'content_retention',
      targetId: logType,
      diff: { logType, days: { from: before?.days ?? DEFAULT_CONTENT_DAYS, to: days } },
    });
  });
}

/**
 * Removes content past its retention; the audit event records how much, per log type. A day's partition past every
 * type's retention is dropped whole (counted first, for the audit); what remains past its type's period — the day the
 * cut falls in, types kept shorter than others, stragglers in the default partition — is deleted row by row.
 */
export async function purgeContent(db: Db, actor: Actor, now = new Date()): Promise<Record<string, number>> {
  const days = await retentionDays(db);
  const longest = Math.max(...Object.values(days));
  const wholeDays = partitionsBefore('LogContent', await partitionNames(db, 'LogContent'), ago(now, longest));
  return db.$transaction(async (tx) => {
    const purged: Record<string, number> = {};
    for (const day of wholeDays) {
      const counts = await tx.$queryRawUnsafe<{ logType: string; n: bigint }[]>(
        `SELECT "logType", count(*) AS n FROM "${day.name}" GROUP BY 1`,
      );
      for (const c of counts) purged[c.logType] = (purged[c.logType] ?? 0) + Number(c.n);
      await tx.$executeRawUnsafe(`DROP TABLE "${day.name}"`);
    }
    for (const [logType, d] of Object.entries(days)) {
      const n = await tx.logContent.deleteMany({ where: { logType, at: { lt: ago(now, d) } } });
      if (n.count) purged[logType] = (purged[logType] ?? 0) + n.count;
    }
    await recordAudit(tx, actor, {
      action: 'logs.content.purge',
      targetType: 'log_content',
      diff: { purged, retentionDays: days, before: now.toISOString(), droppedDays: wholeDays.map((d) => d.name) },
    });
    return purged;
  });
}
