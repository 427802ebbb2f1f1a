// One batch of a Compliance Logs file, in one transaction: its events, their keys, counts, agents and content, its
// quarantined lines and the file's progress (lib/logs/store.ts reads the file; decision 0032 says why the keys have
// their own table). In three steps, which lib/logs/store-pipeline.ts overlaps with the file's next batch: claim its
// keys in LogEventKey (INSERT … ON CONFLICT DO NOTHING); write the events whose key it claimed (one COPY into
// LogEvent, which routes each to its week's partition), their content and the quarantined lines; then, once the
// previous batch committed, the counts and the file's progress, and COMMIT.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { COLUMNS, copyChunk, type StoreRow, textArray } from './store-rows.ts';

export type Quarantined = { line: number; reason: string; excerpt: string };
export type Batch = { rows: StoreRow[]; quarantined: Quarantined[]; lastLine: number };
/** The file being stored, and the agents already recorded for it (LogFileAgent) by this run, by principal. */
export type FileCtx = { id: string; agents: Map<string, Set<string>> };

/** What a batch's claim left it: the rows whose key it took, and, when the claim had to go line by line, the rows it
 *  already stored that way and the lines the server refused. */
export type Claimed = { rows: StoreRow[]; done: boolean; rejected: Quarantined[] };
export type Written = { stored: StoreRow[]; rejected: Quarantined[] };

/**
 * Opens the batch's transaction and claims its keys. Once this resolves the batch holds every key lock it will ever
 * take (lib/logs/store-pipeline.ts starts the next batch's claim only then, so two batches of one file never wait for
 * each other both ways).
 */
export async function claimBatch(client: pg.ClientBase, file: FileCtx, batch: Batch): Promise<Claimed> {
  // The batch's commit need not wait for its WAL to reach disk: any later synchronous commit (the file's
  // final status, the puller's checkpoint) flushes it first, and a server crash in between only rolls the
  // file's progress back together with its events — the next run resumes there, exactly once all the same.
  const begin = 'BEGIN; SET LOCAL synchronous_commit = off';
  await client.query(begin);
  if (!batch.rows.length) return { rows: [], done: true, rejected: [] };
  try {
    return { rows: await claimKeys(client, batch.rows), done: false, rejected: [] };
  } catch {
    // A key PostgreSQL refuses (rare: a timestamp it reads differently from JavaScript) must not sink its batch. The
    // claim was the transaction's first statement: start it again and store line by line.
    await client.query('ROLLBACK');
    await client.query(begin);
    const { stored, rejected } = await insertOneByOne(client, file, batch.rows);
    return { rows: stored, done: true, rejected };
  }
}

/** The claimed rows' events and content, and the batch's quarantined lines; the keys stay held whatever happens. */
export async function writeBatch(
  client: pg.ClientBase,
  file: FileCtx,
  batch: Batch,
  claimed: Claimed,
): Promise<Written> {
  let { rows: stored, rejected } = claimed;
  if (!claimed.done && stored.length) {
    await client.query('SAVEPOINT bulk');
    try {
      await copyEvents(client, file, stored);
    } catch {
      // A record PostgreSQL refuses (e.g. JSON it reads differently from JavaScript) must not sink its batch.
      await client.query('ROLLBACK TO SAVEPOINT bulk');
      ({ stored, rejected } = await writeOneByOne(client, file, stored));
    }
  }
  const quarantined = [...batch.quarantined, ...rejected];
  if (quarantined.length) {
    await client.query(
      `INSERT INTO "LogQuarantine" ("fileId", line, reason, excerpt) SELECT $1, *
       FROM unnest($2::int[], $3::text[], $4::text[])`,
      [file.id, quarantined.map((q) => q.line), quarantined.map((q) => q.reason), quarantined.map((q) => q.excerpt)],
    );
  }
  return { stored, rejected };
}

/**
 * The batch's counts and the file's progress, then COMMIT. Runs only once the file's previous batch committed: the
 * rows it locks (LogEventCount, LogFileAgent, the file's own row) are ones the next batch also writes.
 */
export async function finishBatch(
  client: pg.ClientBase,
  file: FileCtx,
  batch: Batch,
  { stored, rejected }: Written,
): Promise<{ inserted: number; rejected: Quarantined[] }> {
  await countStored(client, file, stored);
  let first: string | null = null;
  let last: string | null = null;
  const refused = new Set(rejected.map((r) => r.line));
  for (const { timestamp, line } of batch.rows) {
    if (refused.size && refused.has(line)) continue; // a refused record's timestamp may be one PostgreSQL cannot read
    if (first === null || timestamp < first) first = timestamp;
    if (last === null || timestamp > last) last = timestamp;
  }
  await client.query(
    `UPDATE "LogFile" SET lines = $2, inserted = inserted + $3, duplicates = duplicates + $4,
       quarantined = quarantined + $5, "firstEventAt" = LEAST("firstEventAt", $6::timestamptz),
       "lastEventAt" = GREATEST("lastEventAt", $7::timestamptz) WHERE id = $1`,
    [
      file.id,
      batch.lastLine,
      stored.length,
      batch.rows.length - rejected.length - stored.length,
      batch.quarantined.length + rejected.length,
      first,
      last,
    ],
  );
  await client.query('COMMIT');
  return { inserted: stored.length, rejected };
}

/**
 * One COPY of the claimed rows' events into LogEvent (which routes each to its week), and their content into
 * LogContent.
 */
async function copyEvents(client: pg.ClientBase, file: FileCtx, fresh: StoreRow[]): Promise<void> {
  // One chunk per batch: thousands of tiny socket writes cost more than the COPY itself.
  const chunk = copyChunk(fresh, file.id);
  await pipeline(Readable.from([chunk]), client.query(copyFrom(`COPY "LogEvent" (${COLUMNS}) FROM STDIN`)));
  const content = fresh.flatMap((row) => row.content.map((c) => ({ row, ...c })));
  if (content.length) {
    // Personal data goes to its own table (lib/logs/content.ts).
    await client.query(
      `INSERT INTO "LogContent" ("principalId", "eventId", "logType", path, text, at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
       ON CONFLICT DO NOTHING`,
      [
        content.map((c) => c.row.principalId),
        content.map((c) => c.row.eventId),
        content.map((c) => c.row.type),
        content.map((c) => c.path),
        content.map((c) => c.text),
        content.map((c) => c.row.timestamp),
      ],
    );
  }
}

/** The claim (claimKeys): $1–$4 are the keys' principals, event ids, timestamps and agents, in lock order. */
export const CLAIM_SQL = `WITH d AS MATERIALIZED (
  SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[]) WITH ORDINALITY AS d (p, e, at, a, n)
), taken AS (
  INSERT INTO "LogEventKey" ("principalId", "eventId", at, "agentId") SELECT p, e, at, a FROM d
  ON CONFLICT DO NOTHING RETURNING "principalId", "eventId"
)
SELECT n::int FROM d WHERE NOT EXISTS (SELECT FROM taken t WHERE t."principalId" = d.p AND t."eventId" = d.e)`;

/**
 * The batch's rows whose key this transaction stored: not stored before, each (principal, event_id) once, the first
 * of a batch's copies. Keys go in in one order (principal, then event id, by code units), so two ingesters claiming
 * overlapping batches wait for each other in that order and never deadlock. Node orders them (most files come in
 * that order already, and checking is one pass); the server inserts them as sent, since a scan of unnest() yields
 * its elements in array order and nothing between it and the insert reorders them: no sort in the server per batch.
 * The server answers with the positions of the keys it did not take (usually none or few), not with the keys it took:
 * reading 5,000 keys back cost Node more than sending them.
 */
async function claimKeys(client: pg.ClientBase, rows: StoreRow[]): Promise<StoreRow[]> {
  let sorted = true;
  let copies = false;
  for (let i = 1; i < rows.length && sorted; i++) {
    const order = compareKeys(rows[i - 1]!, rows[i]!);
    if (order > 0) sorted = false;
    else if (order === 0) copies = true;
  }
  const list = sorted ? rows : [...rows].sort(compareKeys); // stable: a key's first copy stays first
  // Copies are neighbours now; the server would skip them too, but then its answer would say which copy it took.
  const unique = copies || !sorted ? list.filter((r, j) => j === 0 || compareKeys(list[j - 1]!, r) !== 0) : list;
  // The key also says where its event is (at, agent): LogEvent has no key of its own to find it by (decision 0032).
  const { rows: skipped } = await client.query<[number]>({
    text: CLAIM_SQL,
    values: [
      textArray(unique.map((r) => r.principalId)),
      textArray(unique.map((r) => r.eventId)),
      `{${unique.map((r) => r.timestamp).join(',')}}`, // fixed-width UTC (lib/logs/event.ts): nothing to quote
      textArray(unique.map((r) => r.agentId)),
    ],
    rowMode: 'array',
  });
  if (skipped.length === 0) return unique;
  const taken = new Array<boolean>(unique.length).fill(true);
  for (const [n] of skipped) taken[n - 1] = false;
  return unique.filter((_, i) => taken[i]);
}

function compareKeys(a: StoreRow, b: StoreRow): number {
  if (a.principalId !== b.principalId) return a.principalId < b.principalId ? -1 : 1;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

/**
 * What the stored events add: per (principal, type, event type) their number, newest and oldest, to LogEventCount
 * (in key order, so concurrent ingesters never deadlock); the agents they are about, to LogFileAgent.
 */
async function countStored(client: pg.ClientBase, file: FileCtx, stored: StoreRow[]) {
  type Group = { principal: string; type: string; eventType: string; events: number; newest: string; oldest: string };
  // Nested maps rather than one map of joined keys: a joined key is a new string per event, hashed from scratch.
  const groups = new Map<string, Map<string, Map<string, Group>>>();
  const list: Group[] = [];
  const agents = new Map<string, Set<string>>();
  const pairs: [string, string][] = [];
  let g: Group | null = null;
  for (const e of stored) {
    const eventType = e.eventType ?? '';
    if (g === null || g.principal !== e.principalId || g.type !== e.type || g.eventType !== eventType) {
      let byType = groups.get(e.principalId);
      if (!byType) {
        byType = new Map();
        groups.set(e.principalId, byType);
      }
      let byEventType = byType.get(e.type);
      if (!byEventType) {
        byEventType = new Map();
        byType.set(e.type, byEventType);
      }
      g = byEventType.get(eventType) ?? null;
      if (!g) {
        const { principalId: principal, type, timestamp } = e;
        g = { principal, type, eventType, events: 0, newest: timestamp, oldest: timestamp };
        byEventType.set(eventType, g);
        list.push(g);
      }
    }
    g.events++;
    // Timestamps are normalised to one fixed-width UTC form (lib/logs/event.ts): text order is time order.
    if (e.timestamp > g.newest) g.newest = e.timestamp;
    if (e.timestamp < g.oldest) g.oldest = e.timestamp;
    if (e.agentId === null || file.agents.get(e.principalId)?.has(e.agentId)) continue;
    let seen = agents.get(e.principalId);
    if (!seen) {
      seen = new Set();
      agents.set(e.principalId, seen);
    }
    if (seen.has(e.agentId)) continue;
    seen.add(e.agentId);
    pairs.push([e.principalId, e.agentId]);
  }
  if (list.length === 0) return;
  await client.query(
    `INSERT INTO "LogEventCount" ("principalId", type, "eventType", events, newest, oldest)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::timestamptz[], $6::timestamptz[])
     ORDER BY 1, 2, 3
     ON CONFLICT ("principalId", type, "eventType") DO UPDATE SET events = "LogEventCount".events + EXCLUDED.events,
       newest = GREATEST("LogEventCount".newest, EXCLUDED.newest), oldest = LEAST("LogEventCount".oldest,
       EXCLUDED.oldest)`,
    [
      list.map((x) => x.principal),
      list.map((x) => x.type),
      list.map((x) => x.eventType),
      list.map((x) => x.events),
      list.map((x) => x.newest),
      list.map((x) => x.oldest),
    ],
  );
  if (pairs.length === 0) return;
  await client.query(
    `INSERT INTO "LogFileAgent" ("fileId", "principalId", "agentId") SELECT $1, * FROM unnest($2::text[], $3::text[])
     ON CONFLICT DO NOTHING`,
    [file.id, textArray(pairs.map((p) => p[0])), textArray(pairs.map((p) => p[1]))],
  );
  // A failed batch fails the whole ingestion: never ahead.
  for (const [principal, agentId] of pairs) {
    let known = file.agents.get(principal);
    if (!known) {
      known = new Set();
      file.agents.set(principal, known);
    }
    known.add(agentId);
  }
}

/**
 * The slow path, for a batch whose claim the server refused: line by line, each key claimed and its event stored in
 * its own savepoint, refusals quarantined.
 */
async function insertOneByOne(client: pg.ClientBase, file: FileCtx, rows: StoreRow[]): Promise<Written> {
  const stored: StoreRow[] = [];
  const rejected: Quarantined[] = [];
  for (const row of rows) {
    await client.query('SAVEPOINT one');
    try {
      const key = await client.query(
        `INSERT INTO "LogEventKey" ("principalId", "eventId", at, "agentId") VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [row.principalId, row.eventId, row.timestamp, row.agentId],
      );
      if (key.rowCount) {
        await insertOne(client, file, row); // else stored before, or earlier in this batch
        stored.push(row);
      }
      await client.query('RELEASE SAVEPOINT one');
    } catch (error) {
      await client.query('ROLLBACK TO SAVEPOINT one');
      rejected.push(refusal(row, error));
    }
  }
  return { stored, rejected };
}

/**
 * The slow path, for claimed rows whose COPY the server refused: their keys stay held (another batch of the file may
 * be waiting for them), each event is stored in its own savepoint, and a refused one gives its key back.
 */
async function writeOneByOne(client: pg.ClientBase, file: FileCtx, rows: StoreRow[]): Promise<Written> {
  const stored: StoreRow[] = [];
  const rejected: Quarantined[] = [];
  for (const row of rows) {
    await client.query('SAVEPOINT one');
    try {
      await insertOne(client, file, row);
      await client.query('RELEASE SAVEPOINT one');
      stored.push(row);
    } catch (error) {
      await client.query('ROLLBACK TO SAVEPOINT one');
      await client.query(`DELETE FROM "LogEventKey" WHERE "principalId" = $1 AND "eventId" = $2`, [
        row.principalId,
        row.eventId,
      ]);
      rejected.push(refusal(row, error));
    }
  }
  return { stored, rejected };
}

async function insertOne(client: pg.ClientBase, file: FileCtx, row: StoreRow) {
  await client.query(`INSERT INTO "LogEvent" (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::json, $9, $10)`, [
    row.principalId,
    row.eventId,
    row.type,
    row.eventType,
    row.timestamp,
    row.agentId,
    row.actorEmail,
    row.record,
    file.id,
    row.line,
  ]);
  for (const c of row.content) {
    await client.query(
      `INSERT INTO "LogContent" ("principalId", "eventId", "logType", path, text, at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [row.principalId, row.eventId, row.type, c.path, c.text, row.timestamp],
    );
  }
}

function refusal(row: StoreRow, error: unknown): Quarantined {
  return {
    line: row.line,
    reason: `refused by the database: ${(error as Error).message}`,
    excerpt: row.record.slice(0, 500),
  };
}
