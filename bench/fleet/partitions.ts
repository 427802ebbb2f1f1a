// The time partitions the fleet's events and content land in (decision 0032: LogEvent by week from Monday 00:00 UTC,
// LogContent by day, each named after its first day), created before the COPY as the partition job would have kept
// them — so 10M events go straight to their weeks instead of the default partition, from which the job would have to
// move them. Names and ranges follow the job's rule; a partition that exists already is kept.
import type pg from 'pg';

const DAY_MS = 86_400_000;
const ORIGIN = Date.UTC(2001, 0, 1); // a Monday
const PERIOD = { LogEvent: 7 * DAY_MS, LogContent: DAY_MS } as const;
const AHEAD = { LogEvent: 4, LogContent: 7 } as const;

type Table = keyof typeof PERIOD;

const periodStart = (table: Table, ms: number) => ORIGIN + Math.floor((ms - ORIGIN) / PERIOD[table]) * PERIOD[table];

/** `table`'s partitions from the one holding `from` through AHEAD periods past `end` (none if not partitioned). */
export async function ensurePartitions(client: pg.ClientBase, table: Table, from: number, end: number) {
  const { rows } = await client.query(`SELECT 1 FROM pg_partitioned_table WHERE partrelid = to_regclass($1)`, [
    `"${table}"`,
  ]);
  if (rows.length === 0) return 0;
  let created = 0;
  const last = periodStart(table, end) + AHEAD[table] * PERIOD[table];
  for (let t = periodStart(table, from); t <= last; t += PERIOD[table]) {
    const name = `${table}_${new Date(t).toISOString().slice(0, 10).replaceAll('-', '')}`;
    const exists = await client.query('SELECT to_regclass($1) AS r', [`"${name}"`]);
    if (exists.rows[0]?.r) continue;
    const range = `FROM ('${new Date(t).toISOString()}') TO ('${new Date(t + PERIOD[table]).toISOString()}')`;
    await client.query(`CREATE TABLE "${name}" PARTITION OF "${table}" FOR VALUES ${range}`);
    created++;
  }
  return created;
}
