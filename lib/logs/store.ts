// Stores Compliance Logs files exactly once per (principal, event_id). Delivery is at-least-once, so
// every batch is COPY'd into a temporary table and moved with INSERT … ON CONFLICT DO NOTHING; the batch's
// events, its quarantined lines and the file's progress commit together, so a crash (kill -9) mid-file
// loses nothing and, on the next run of the same bytes, the file resumes after its last committed line.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { splitContent, type Split } from './content.ts';
import { actorEmailOf, agentIdOf, type LogEvent } from './event.ts';
import { CorruptFileError, READ_LIMITS, readLogFile, type ReadLimits } from './reader.ts';

export const DEFAULT_BATCH = 5000;
/** Uploads through the browser: streamed to disk, so the limit is about disk, not memory. */
export const MAX_LOG_UPLOAD_BYTES = 4 * 1024 ** 3;
const KEEP_QUARANTINED = 100;

export type LogSource = 'upload' | 'cli' | 'puller';

export type FileOutcome = {
  fileId: string;
  name: string;
  sha256: string;
  status: 'complete' | 'failed' | 'repeat';
  lines: number;
  inserted: number;
  duplicates: number;
  quarantinedCount: number;
  /** The first quarantined lines (all of them are on the Sources page). */
  quarantined: { line: number; reason: string }[];
  /** Set when the same bytes were ingested before: nothing was re-read. */
  repeatOf: string | null;
  /** Set when an interrupted ingestion of the same bytes was resumed after this many lines. */
  resumedAfter: number | null;
  error: string | null;
};

export type IngestOptions = {
  source: LogSource;
  startedBy: string;
  name?: string;
  batchSize?: number;
  onBatch?: (lines: number) => void;
  limits?: ReadLimits;
};

/** The file being stored, and the agents already recorded for it (LogFileAgent) by this run. */
type FileCtx = { id: string; agents: Set<string> };
type FileRow = { id: string; status: string; lines: number; inserted: number; duplicates: number; quarantined: number };
type Pending = {
  events: { event: LogEvent; text: string; line: number; split: Split }[];
  quarantined: { line: number; reason: string; excerpt: string }[];
  lastLine: number;
};

export async function ingestFile(client: pg.ClientBase, file: string, options: IngestOptions): Promise<FileOutcome> {
  const name = options.name ?? path.basename(file);
  const { sha256, size } = await digest(file);
  const lockKey = `logfile:${sha256}`;
  await client.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]); // one ingester per content at a time
  try {
    const earlier = await client.query<FileRow>(
      // A complete copy makes this a repeat; else an interrupted or failed run of the same bytes resumes after its
      // committed lines.
      `SELECT id, status, lines, inserted, duplicates, quarantined FROM "LogFile" WHERE sha256 = $1
       AND status IN ('complete', 'ingesting', 'failed')
       ORDER BY status = 'complete' DESC, lines DESC, "startedAt" LIMIT 1`,
      [sha256],
    );
    const previous = earlier.rows[0];
    if (previous?.status === 'complete') return recordRepeat(client, previous, { name, sha256, size, options });
    if (previous?.status === 'failed')
      await client.query(`UPDATE "LogFile" SET status = 'ingesting', error = NULL, "finishedAt" = NULL WHERE id = $1`, [
        previous.id,
      ]);
    const row = previous ?? (await createFileRow(client, { name, sha256, size, options }));
    const skip = row.lines;
    try {
      const outcome = await ingestLines(client, row, file, name, skip, options);
      return { ...outcome, name, sha256, resumedAfter: previous ? skip : null };
    } catch (error) {
      await markFailed(client, row.id, error);
      throw error;
    }
  } finally {
    // A failed unlock must not hide the failure; the caller ends the session, which drops the lock anyway.
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]).catch(() => {});
  }
}

/**
 * Any failure leaves the file failed with its reason (never `ingesting`): the next run of the same bytes resumes it.
 */
async function markFailed(client: pg.ClientBase, fileId: string, error: unknown) {
  const reason = error instanceof Error ? error.message : String(error);
  try {
    await client.query('ROLLBACK'); // outside a transaction only a warning
    await client.query(`UPDATE "LogFile" SET status = 'failed', error = $2, "finishedAt" = now() WHERE id = $1`, [
      fileId,
      reason.slice(0, 1000),
    ]);
  } catch {
    // The connection itself is gone: the file stays `ingesting` and the next run resumes it.
  }
}

async function ingestLines(
  client: pg.ClientBase,
  row: FileRow,
  filePath: string,
  name: string,
  skip: number,
  options: IngestOptions,
) {
  const file: FileCtx = { id: row.id, agents: new Set() };
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  let pending: Pending = { events: [], quarantined: [], lastLine: skip };
  const totals = { inserted: row.inserted, duplicates: row.duplicates, quarantined: row.quarantined, lines: row.lines };
  // Batches are stored one after another, in order (so `lines` only ever advances over committed lines),
  // while the next batch is being read and checked: parsing overlaps the database's work.
  let inflight: Promise<void> = Promise.resolve();
  let queuedThrough = skip;
  const flush = async () => {
    if (pending.lastLine === queuedThrough) return;
    const batch = pending;
    queuedThrough = batch.lastLine;
    pending = { events: [], quarantined: [], lastLine: batch.lastLine };
    await inflight;
    inflight = storeBatch(client, file, batch).then((stored) => {
      totals.inserted += stored.inserted;
      // a refused line is no duplicate
      totals.duplicates += batch.events.length - stored.rejected.length - stored.inserted;
      totals.quarantined += batch.quarantined.length + stored.rejected.length;
      totals.lines = batch.lastLine;
      options.onBatch?.(totals.lines);
    });
    inflight.catch(() => {}); // observed at the next await; never an unhandled rejection meanwhile
  };
  let error: string | null = null;
  try {
    for await (const item of readLogFile(name, createReadStream(filePath), options.limits ?? READ_LIMITS)) {
      if (item.line <= skip) continue;
      const split = 'event' in item ? splitLine(item.event) : null;
      if ('event' in item && split && 'metadata' in split)
        pending.events.push({ event: item.event, text: item.text, line: item.line, split });
      else
        pending.quarantined.push({
          line: item.line,
          reason: 'event' in item ? (split as { reason: string }).reason : item.quarantined,
          excerpt: item.text.slice(0, 500),
        });
      pending.lastLine = item.line;
      if (pending.events.length + pending.quarantined.length >= batchSize) await flush();
    }
  } catch (failure) {
    if (!(failure instanceof CorruptFileError)) {
      await inflight.catch(() => {});
      throw failure;
    }
    error = failure.message;
  }
  await flush(); // what was read before a corruption is good: keep it
  await inflight;
  const status = error ? 'failed' : 'complete';
  await client.query(`UPDATE "LogFile" SET status = $2, error = $3, "finishedAt" = now() WHERE id = $1`, [
    row.id,
    status,
    error,
  ]);
  const kept = await client.query<{ line: number; reason: string }>(
    `SELECT line, reason FROM "LogQuarantine" WHERE "fileId" = $1 ORDER BY line LIMIT ${KEEP_QUARANTINED}`,
    [row.id],
  );
  return {
    fileId: row.id,
    status,
    lines: totals.lines,
    inserted: totals.inserted,
    duplicates: totals.duplicates,
    quarantinedCount: totals.quarantined,
    quarantined: kept.rows,
    repeatOf: null,
    error,
  } as const;
}

/** Content splitting inside the per-line guard: whatever a record holds, it can refuse only its own line. */
function splitLine(event: LogEvent): Split | { reason: string } {
  try {
    return splitContent(event.record);
  } catch (error) {
    return { reason: `could not be read (${(error as Error).message})` };
  }
}

/** One transaction: the batch's events, its quarantined lines and the file's progress. */
async function storeBatch(
  client: pg.ClientBase,
  file: FileCtx,
  batch: Pending,
): Promise<{ inserted: number; rejected: Pending['quarantined'] }> {
  // The batch's commit need not wait for its WAL to reach disk: any later synchronous commit (the file's
  // final status, the puller's checkpoint) flushes it first, and a server crash in between only rolls the
  // file's progress back together with its events — the next run resumes there, exactly once all the same.
  await client.query(`BEGIN; SET LOCAL synchronous_commit = off; ${PROBE_BY_KEY}`);
  try {
    let inserted = 0;
    let rejected: Pending['quarantined'] = [];
    if (batch.events.length) {
      await client.query('SAVEPOINT bulk');
      try {
        inserted = await copyEvents(client, file, batch.events);
      } catch {
        // A record PostgreSQL refuses (rare: e.g. JSON it reads differently from JavaScript) must not sink its batch.
        await client.query('ROLLBACK TO SAVEPOINT bulk');
        ({ inserted, rejected } = await insertOneByOne(client, file, batch.events));
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
    let first: string | null = null;
    let last: string | null = null;
    const refused = new Set(rejected.map((r) => r.line));
    for (const { event, line } of batch.events) {
      if (refused.has(line)) continue; // a refused record's timestamp may be one PostgreSQL cannot read
      if (first === null || event.timestamp < first) first = event.timestamp;
      if (last === null || event.timestamp > last) last = event.timestamp;
    }
    await client.query(
      `UPDATE "LogFile" SET lines = $2, inserted = inserted + $3, duplicates = duplicates + $4, quarantined =
       quarantined + $5,
         "firstEventAt" = LEAST("firstEventAt", $6::timestamptz), "lastEventAt" = GREATEST("lastEventAt",
         $7::timestamptz) WHERE id = $1`,
      [
        file.id,
        batch.lastLine,
        inserted,
        batch.events.length - rejected.length - inserted,
        quarantined.length,
        first,
        last,
      ],
    );
    await client.query('COMMIT');
    return { inserted, rejected };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

const COLUMNS = `"principalId", "eventId", type, "eventType", at, "agentId", "actorEmail", record, "fileId", line`;
const STAGE = `CREATE TEMP TABLE IF NOT EXISTS log_stage (LIKE "LogEvent" INCLUDING DEFAULTS) ON COMMIT DELETE ROWS`;

type Row = { event: LogEvent; tsv: string; content: ReturnType<typeof splitContent>['content'] };

/**
 * The common case costs one COPY: events already stored (or repeated within the batch) are dropped first,
 * and the rest go straight into LogEvent. Should another ingester store one of them in between, the
 * unique key refuses the COPY and the batch goes through a staging table with ON CONFLICT DO NOTHING.
 */
async function copyEvents(client: pg.ClientBase, file: FileCtx, events: Pending['events']): Promise<number> {
  const fresh = await unseen(client, events);
  if (fresh.length === 0) return 0;
  const rows: Row[] = fresh.map(({ event, text, line, split }) => {
    const record = split.content.length ? JSON.stringify(split.metadata) : text;
    const fields = [
      event.principalId,
      event.eventId,
      event.type,
      event.eventType,
      event.timestamp,
      agentIdOf(event.record),
      actorEmailOf(event.record),
      record,
      file.id,
    ];
    return { event, content: split.content, tsv: `${fields.map(copyField).join('\t')}\t${line}\n` };
  });
  await client.query('SAVEPOINT direct');
  let stored: Row[];
  try {
    await copyRows(client, `COPY "LogEvent" (${COLUMNS}) FROM STDIN`, rows);
    await client.query('RELEASE SAVEPOINT direct');
    stored = rows;
  } catch (error) {
    if ((error as { code?: string }).code !== '23505') throw error;
    await client.query('ROLLBACK TO SAVEPOINT direct');
    stored = await stagedInsert(client, rows);
  }
  await countStored(
    client,
    file,
    stored.map((r) => r.event),
  );
  const content = stored.flatMap(({ event, content }) => content.map((c) => ({ event, ...c })));
  if (content.length) {
    // Personal data goes to its own table (lib/logs/content.ts).
    await client.query(
      `INSERT INTO "LogContent" ("principalId", "eventId", "logType", path, text, at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
       ON CONFLICT DO NOTHING`,
      [
        content.map((c) => c.event.principalId),
        content.map((c) => c.event.eventId),
        content.map((c) => c.event.type),
        content.map((c) => c.path),
        content.map((c) => c.text),
        content.map((c) => c.event.timestamp),
      ],
    );
  }
  return stored.length;
}

/**
 * For the batch's transaction only: look events up by probing the key, whatever the table's statistics say
 * mid-load (the planner otherwise reads every event of the principal to find a few thousand).
 */
const PROBE_BY_KEY =
  'SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off; SET LOCAL enable_bitmapscan = off';

/** The batch's events not stored yet, each (principal, event_id) once. */
async function unseen(client: pg.ClientBase, events: Pending['events']): Promise<Pending['events']> {
  const byPrincipal = new Map<string, string[]>();
  for (const { event } of events) {
    const ids = byPrincipal.get(event.principalId);
    if (ids) ids.push(event.eventId);
    else byPrincipal.set(event.principalId, [event.eventId]);
  }
  const known = new Set<string>();
  for (const [principal, ids] of byPrincipal) {
    const { rows } = await client.query<{ eventId: string }>(
      `SELECT e."eventId" FROM unnest($2::text[]) AS i(id) JOIN "LogEvent" e ON e."principalId" = $1
       AND e."eventId" = i.id`,
      [principal, ids],
    );
    for (const r of rows) known.add(`${principal}\u0000${r.eventId}`);
  }
  return events.filter(({ event }) => {
    const key = `${event.principalId}\u0000${event.eventId}`;
    if (known.has(key)) return false;
    known.add(key);
    return true;
  });
}

/** The slow path, for a race with another ingester: stage, then insert what is still missing. */
async function stagedInsert(client: pg.ClientBase, rows: Row[]): Promise<Row[]> {
  await client.query(STAGE);
  await copyRows(client, `COPY log_stage (${COLUMNS}) FROM STDIN`, rows);
  const { rows: inserted } = await client.query<{ eventId: string; principalId: string }>(
    `INSERT INTO "LogEvent" (${COLUMNS}) SELECT ${COLUMNS} FROM log_stage ON CONFLICT DO NOTHING
     RETURNING "principalId", "eventId"`,
  );
  const keys = new Set(inserted.map((r) => `${r.principalId}\u0000${r.eventId}`));
  return rows.filter((r) => keys.has(`${r.event.principalId}\u0000${r.event.eventId}`));
}

async function copyRows(client: pg.ClientBase, sql: string, rows: Row[]) {
  // One chunk per batch: thousands of tiny socket writes cost more than the COPY itself.
  await pipeline(Readable.from([rows.map((r) => r.tsv).join('')]), client.query(copyFrom(sql)));
}

/**
 * What the stored events add: per (principal, type, event type) their number, newest and oldest, to LogEventCount
 * (in key order, so concurrent ingesters never deadlock); the agents they are about, to LogFileAgent.
 */
async function countStored(client: pg.ClientBase, file: FileCtx, stored: LogEvent[]) {
  const groups = new Map<
    string,
    { principal: string; type: string; eventType: string; events: number; newest: string; oldest: string }
  >();
  for (const event of stored) {
    const key = `${event.principalId}\u0000${event.type}\u0000${event.eventType ?? ''}`;
    const g = groups.get(key);
    if (!g)
      groups.set(key, {
        principal: event.principalId,
        type: event.type,
        eventType: event.eventType ?? '',
        events: 1,
        newest: event.timestamp,
        oldest: event.timestamp,
      });
    else {
      g.events++;
      // Timestamps are normalised to one fixed-width UTC form (lib/logs/event.ts): text order is time order.
      if (event.timestamp > g.newest) g.newest = event.timestamp;
      if (event.timestamp < g.oldest) g.oldest = event.timestamp;
    }
  }
  if (groups.size === 0) return;
  const list = [...groups.values()];
  await client.query(
    `INSERT INTO "LogEventCount" ("principalId", type, "eventType", events, newest, oldest)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::timestamptz[], $6::timestamptz[])
     ORDER BY 1, 2, 3
     ON CONFLICT ("principalId", type, "eventType") DO UPDATE SET events = "LogEventCount".events + EXCLUDED.events,
       newest = GREATEST("LogEventCount".newest, EXCLUDED.newest), oldest = LEAST("LogEventCount".oldest,
       EXCLUDED.oldest)`,
    [
      list.map((g) => g.principal),
      list.map((g) => g.type),
      list.map((g) => g.eventType),
      list.map((g) => g.events),
      list.map((g) => g.newest),
      list.map((g) => g.oldest),
    ],
  );
  const agents = new Set<string>();
  for (const event of stored) {
    const agentId = agentIdOf(event.record);
    const key = `${event.principalId}\u0000${agentId}`;
    if (agentId !== null && !file.agents.has(key)) agents.add(key);
  }
  if (agents.size === 0) return;
  const pairs = [...agents].map((k) => k.split('\u0000'));
  await client.query(
    `INSERT INTO "LogFileAgent" ("fileId", "principalId", "agentId") SELECT $1, * FROM unnest($2::text[], $3::text[])
     ON CONFLICT DO NOTHING`,
    [file.id, pairs.map((p) => p[0]), pairs.map((p) => p[1])],
  );
  for (const key of agents) file.agents.add(key); // a failed batch fails the whole ingestion, so this never runs ahead
}

async function insertOneByOne(client: pg.ClientBase, file: FileCtx, events: Pending['events']) {
  const stored: LogEvent[] = [];
  const rejected: Pending['quarantined'] = [];
  for (const { event, text: raw, line, split } of events) {
    const text = split.content.length ? JSON.stringify(split.metadata) : raw;
    await client.query('SAVEPOINT one');
    try {
      const result = await client.query(
        `INSERT INTO "LogEvent" (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::json, $9, $10)
         ON CONFLICT DO NOTHING`,
        [
          event.principalId,
          event.eventId,
          event.type,
          event.eventType,
          event.timestamp,
          agentIdOf(event.record),
          actorEmailOf(event.record),
          text,
          file.id,
          line,
        ],
      );
      if (result.rowCount) stored.push(event);
      for (const c of split.content) {
        await client.query(
          `INSERT INTO "LogContent" ("principalId", "eventId", "logType", path, text, at)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [event.principalId, event.eventId, event.type, c.path, c.text, event.timestamp],
        );
      }
    } catch (error) {
      await client.query('ROLLBACK TO SAVEPOINT one');
      rejected.push({
        line,
        reason: `refused by the database: ${(error as Error).message}`,
        excerpt: raw.slice(0, 500),
      });
    }
  }
  await countStored(client, file, stored);
  return { inserted: stored.length, rejected };
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** COPY's text format: \N is NULL; backslash, tab, newline and carriage return are escaped. */
function copyField(value: string | null): string {
  if (value === null) return '\\N';
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

async function createFileRow(
  client: pg.ClientBase,
  f: { name: string; sha256: string; size: number; options: IngestOptions },
): Promise<FileRow> {
  const { rows } = await client.query<FileRow>(
    `INSERT INTO "LogFile" (id, source, name, sha256, size, "startedBy")
     VALUES (gen_random_uuid()::text, $1, $2, $3, $4, $5)
     RETURNING id, status, lines, inserted, duplicates, quarantined`,
    [f.options.source, f.name, f.sha256, f.size, f.options.startedBy],
  );
  return rows[0]!;
}

async function recordRepeat(
  client: pg.ClientBase,
  previous: FileRow,
  f: { name: string; sha256: string; size: number; options: IngestOptions },
): Promise<FileOutcome> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO "LogFile" (id, source, name, sha256, size, "startedBy", status, "repeatOf", lines, duplicates,
     "firstEventAt", "lastEventAt", "finishedAt")
     SELECT gen_random_uuid()::text, $1, $2, $3, $4, $5, 'repeat', id, lines, inserted + duplicates, "firstEventAt",
     "lastEventAt", now() FROM "LogFile" WHERE id = $6
     RETURNING id`,
    [f.options.source, f.name, f.sha256, f.size, f.options.startedBy, previous.id],
  );
  return {
    fileId: rows[0]!.id,
    name: f.name,
    sha256: f.sha256,
    status: 'repeat',
    lines: previous.lines,
    inserted: 0,
    duplicates: previous.inserted + previous.duplicates,
    quarantinedCount: 0,
    quarantined: [],
    repeatOf: previous.id,
    resumedAfter: null,
    error: null,
  };
}

async function digest(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return { sha256: hash.digest('hex'), size: (await stat(file)).size };
}
