// The daily partition job (decision 0032): LogEvent's weeks and LogContent's days are created ahead of time, rows
// that landed in a default partition (a timestamp outside the partitions: a late backfill, a clock far ahead) move to
// their own partition once one is wanted, and event retention, when set, drops whole weeks with their keys.
import type { Actor } from '@/lib/audit/record.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import type { Db, Tx } from '@/lib/db.ts';
import {
  type PartitionedTable,
  type Partition,
  partitionsBefore,
  partitionsToCreate,
  PERIOD_MS,
} from './partition-plan.ts';
import { partitionNames } from './queries.ts';
import { retentionDays } from './retention.ts';

const DAY_MS = 86_400_000;
/** Moving a default partition's rows may take a while; ingestion into that range waits meanwhile, nothing else. */
const MAINTENANCE_TX = { timeout: 10 * 60_000, maxWait: 60_000 };
/** Below this, event retention would cut into the detections' 30-day look-back and the 90-day review window. */
export const MIN_EVENT_RETENTION_DAYS = 90;

/** The start of each period the default partition holds rows of (read in full: it is meant to stay small). */
async function strayPeriods(db: Db, table: PartitionedTable): Promise<Date[]> {
  const rows = await db.$queryRawUnsafe<{ start: Date }[]>(
    `SELECT DISTINCT date_bin('${PERIOD_MS[table] / DAY_MS} days', at, '2001-01-01 00:00:00+00') AS start
     FROM "${table}_default"`,
  );
  return rows.map((r) => r.start);
}

/**
 * Creates `p` and moves into it what the default holds of its range, in one transaction. The default is locked
 * first (attaching must scan it anyway): an ingester routing a row there waits instead of slipping one in between.
 */
async function createPartition(db: Db, table: PartitionedTable, p: Partition) {
  const range = `FROM ('${p.from.toISOString()}') TO ('${p.to.toISOString()}')`;
  await db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL tollgate.partition_maintenance = 'on'`);
    // Queued behind a long reader, the lock would hold up every query after it: give up instead; partitions are
    // kept weeks ahead, so the next run is soon enough.
    await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '10s'`);
    await tx.$executeRawUnsafe(`LOCK TABLE "${table}_default" IN ACCESS EXCLUSIVE MODE`);
    await tx.$executeRawUnsafe(`CREATE TABLE "${p.name}" (LIKE "${table}" INCLUDING DEFAULTS)`);
    await tx.$executeRawUnsafe(
      `WITH moved AS (DELETE FROM "${table}_default" WHERE at >= $1 AND at < $2 RETURNING *)
       INSERT INTO "${p.name}" SELECT * FROM moved`,
      p.from,
      p.to,
    );
    await tx.$executeRawUnsafe(`ALTER TABLE "${table}" ATTACH PARTITION "${p.name}" FOR VALUES ${range}`);
  }, MAINTENANCE_TX);
}

export type MaintenanceOptions = { now?: Date; eventRetentionDays?: number | null };
export type MaintenanceResult = { created: string[]; dropped: string[]; eventsDropped: number };

/** The job: partitions ahead and for stragglers, then event retention when set. Safe to run any number of times. */
export async function maintainPartitions(
  db: Db,
  actor: Actor,
  options: MaintenanceOptions = {},
): Promise<MaintenanceResult> {
  const now = options.now ?? new Date();
  const retention = options.eventRetentionDays ?? null;
  const eventCutoff = retention === null ? new Date(0) : new Date(now.getTime() - retention * DAY_MS);
  // Content older than the longest retention is purged row by row from the default: no partition for it.
  const kept = Math.max(...Object.values(await retentionDays(db)));
  const contentFloor = new Date(now.getTime() - (kept + 1) * DAY_MS);
  const created: string[] = [];
  for (const [table, notBefore] of [
    ['LogEvent', eventCutoff],
    ['LogContent', contentFloor],
  ] as const) {
    const plan = partitionsToCreate(table, {
      now,
      existing: await partitionNames(db, table),
      strays: await strayPeriods(db, table),
      notBefore,
    });
    for (const p of plan) {
      await createPartition(db, table, p);
      created.push(p.name);
    }
  }
  const dropped = retention === null ? { partitions: [], events: 0 } : await dropEventsBefore(db, actor, eventCutoff);
  return { created, dropped: dropped.partitions, eventsDropped: dropped.events };
}

/**
 * Event retention, in one transaction with its audit event: every week wholly before `cutoff` is dropped, and the
 * default's older rows deleted, each with its keys (a later redelivery is a new event, dropped again by the next run)
 * and its share of LogEventCount.
 */
export async function dropEventsBefore(
  db: Db,
  actor: Actor,
  cutoff: Date,
): Promise<{ partitions: string[]; events: number }> {
  const weeks = partitionsBefore('LogEvent', await partitionNames(db, 'LogEvent'), cutoff);
  const before = `e.at < '${cutoff.toISOString()}'`;
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL tollgate.partition_maintenance = 'on'`);
    let events = 0;
    for (const week of weeks) events += await dropEvents(tx, `"${week.name}"`, 'true', week.to);
    const stray = await dropEvents(tx, '"LogEvent_default"', before, cutoff);
    if (stray) await tx.$executeRawUnsafe(`DELETE FROM "LogEvent_default" e WHERE ${before}`);
    for (const week of weeks) await tx.$executeRawUnsafe(`DROP TABLE "${week.name}"`);
    events += stray;
    if (events || weeks.length)
      await recordAudit(tx, actor, {
        action: 'logs.events.retention',
        targetType: 'log_event',
        diff: { dropped: weeks.map((w) => w.name), events, before: cutoff.toISOString() },
      });
    return { partitions: weeks.map((w) => w.name), events };
  }, MAINTENANCE_TX);
}

/** Removes the keys and the counted share of `source`'s rows matching `where` (aliased e); answers how many. */
async function dropEvents(tx: Tx, source: string, where: string, keptFrom: Date): Promise<number> {
  const [row] = await tx.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM ${source} e WHERE ${where}`);
  const n = Number(row?.n ?? 0);
  if (n === 0) return 0;
  await tx.$executeRawUnsafe(
    `DELETE FROM "LogEventKey" k USING ${source} e
     WHERE ${where} AND k."principalId" = e."principalId" AND k."eventId" = e."eventId"`,
  );
  // What remains is newer than the cut: the oldest event left is at or after it.
  await tx.$executeRawUnsafe(
    `UPDATE "LogEventCount" c SET events = c.events - d.n, oldest = GREATEST(c.oldest, $1::timestamptz)
     FROM (SELECT "principalId", type, COALESCE("eventType", '') AS et, count(*) AS n FROM ${source} e WHERE ${where}
           GROUP BY 1, 2, 3) d
     WHERE c."principalId" = d."principalId" AND c.type = d.type AND c."eventType" = d.et`,
    keptFrom,
  );
  await tx.$executeRawUnsafe(`DELETE FROM "LogEventCount" WHERE events <= 0`);
  return n;
}

/** TOLLGATE_EVENT_RETENTION_DAYS: unset keeps events for ever (derived state is re-folded from all of them). */
export function parseEventRetention(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const days = Number(value);
  if (!Number.isInteger(days) || days < MIN_EVENT_RETENTION_DAYS)
    throw new Error(
      `TOLLGATE_EVENT_RETENTION_DAYS must be a whole number of days, at least ${MIN_EVENT_RETENTION_DAYS}`,
    );
  return days;
}
