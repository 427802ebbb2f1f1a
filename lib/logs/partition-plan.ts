// Which time partitions LogEvent (weeks) and LogContent (days) should have (decision 0032): pure, so the job, the
// migration's reasoning and the tests agree. A partition is named after its first instant, `LogEvent_20261130`;
// weeks start on Monday 00:00 UTC (2001-01-01 was a Monday), days at 00:00 UTC.

export type PartitionedTable = 'LogEvent' | 'LogContent';
export type Partition = { name: string; from: Date; to: Date };

const DAY_MS = 86_400_000;
const ORIGIN = Date.UTC(2001, 0, 1);

/** Events: 10M over 90 days is ~0.8M a week — a week's partition and its indexes stay small enough to cache, and
 *  the 7- to 30-day windows the pages read touch 2–5 of them. Content: by day, so the purge drops whole days. */
export const PERIOD_MS: Record<PartitionedTable, number> = { LogEvent: 7 * DAY_MS, LogContent: DAY_MS };
/** How far ahead the job keeps partitions: a Tollgate that stays down this long sends new rows to the default. */
export const AHEAD: Record<PartitionedTable, number> = { LogEvent: 4, LogContent: 7 };
/** Stragglers older than this stay in the default partition (a hostile file must not create thousands of tables). */
export const BACK_LIMIT_DAYS = 400;

export function periodStart(table: PartitionedTable, at: Date): Date {
  const period = PERIOD_MS[table];
  return new Date(ORIGIN + Math.floor((at.getTime() - ORIGIN) / period) * period);
}

export function partitionName(table: PartitionedTable, from: Date): string {
  return `${table}_${from.toISOString().slice(0, 10).replaceAll('-', '')}`;
}

/** The partition a name stands for, or null for the default and for anything not named by us. */
export function partitionOf(table: PartitionedTable, name: string): Partition | null {
  const m = new RegExp(`^${table}_(\\d{4})(\\d{2})(\\d{2})$`).exec(name);
  if (!m) return null;
  const from = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (partitionName(table, from) !== name || periodStart(table, from).getTime() !== from.getTime()) return null;
  return { name, from, to: new Date(from.getTime() + PERIOD_MS[table]) };
}

/**
 * The partitions to create, oldest first: every period from the oldest one wanted or kept through AHEAD periods past
 * now, without gaps (a window inside one continuous run of partitions never reads the default). Wanted: the current
 * period and those ahead, and every period the default holds rows of (`strays`) from `notBefore` on.
 */
export function partitionsToCreate(
  table: PartitionedTable,
  input: { now: Date; existing: string[]; strays: Date[]; notBefore: Date },
): Partition[] {
  const period = PERIOD_MS[table];
  const current = periodStart(table, input.now).getTime();
  const last = current + AHEAD[table] * period;
  const floor = Math.max(
    periodStart(table, input.notBefore).getTime(),
    periodStart(table, new Date(input.now.getTime() - BACK_LIMIT_DAYS * DAY_MS)).getTime(),
  );
  const have = new Set<number>();
  for (const name of input.existing) {
    const p = partitionOf(table, name);
    if (p) have.add(p.from.getTime());
  }
  let first = current;
  for (const at of input.strays) {
    const start = periodStart(table, at).getTime();
    if (start >= floor && start < first) first = start;
  }
  // Kept partitions older than the floor stay as they are; the run is continuous from the oldest one wanted.
  const oldestKept = [...have].filter((t) => t >= floor && t < first).sort((a, b) => a - b)[0];
  if (oldestKept !== undefined) first = oldestKept;
  const out: Partition[] = [];
  for (let t = first; t <= last; t += period) {
    if (have.has(t)) continue;
    const from = new Date(t);
    out.push({ name: partitionName(table, from), from, to: new Date(t + period) });
  }
  return out;
}

/** Partitions wholly before `cutoff` (every row in them is older): the ones retention drops. */
export function partitionsBefore(table: PartitionedTable, existing: string[], cutoff: Date): Partition[] {
  return existing
    .map((name) => partitionOf(table, name))
    .filter((p): p is Partition => p !== null && p.to.getTime() <= cutoff.getTime())
    .sort((a, b) => a.from.getTime() - b.from.getTime());
}
