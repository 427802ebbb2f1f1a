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
import { splitContent } from './content.ts';
import { actorEmailOf, agentIdOf, type LogEvent } from './event.ts';
import { CorruptFileError, readLogFile } from './reader.ts';

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

export type IngestOptions = { source: LogSource; startedBy: string; name?: string; batchSize?: number; onBatch?: (lines: number) => void };

type FileRow = { id: string; status: string; lines: number; inserted: number; duplicates: number; quarantined: number };
type Pending = { events: { event: LogEvent; text: string; line: number }[]; quarantined: { line: number; reason: string; excerpt: string }[]; lastLine: number };

export async function ingestFile(client: pg.ClientBase, file: string, options: IngestOptions): Promise<FileOutcome> {
  const name = options.name ?? path.basename(file);
  const { sha256, size } = await digest(file);
  const lockKey = `logfile:${sha256}`;
  await client.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]); // one ingester per content at a time
  try {
    const earlier = await client.query<FileRow>(
      `SELECT id, status, lines, inserted, duplicates, quarantined FROM "LogFile" WHERE sha256 = $1 AND status IN ('complete', 'ingesting') ORDER BY "startedAt" LIMIT 1`,
      [sha256],
    );
    const previous = earlier.rows[0];
    if (previous?.status === 'complete') return recordRepeat(client, previous, { name, sha256, size, options });
    const row = previous ?? (await createFileRow(client, { name, sha256, size, options }));
    const skip = row.lines;
    const outcome = await ingestLines(client, row, file, name, skip, options);
    return { ...outcome, name, sha256, resumedAfter: previous ? skip : null };
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]);
  }
}

async function ingestLines(client: pg.ClientBase, row: FileRow, file: string, name: string, skip: number, options: IngestOptions) {
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
    inflight = storeBatch(client, row.id, batch).then((stored) => {
      totals.inserted += stored.inserted;
      totals.duplicates += batch.events.length - stored.inserted;
      totals.quarantined += batch.quarantined.length + stored.rejected.length;
      totals.lines = batch.lastLine;
      options.onBatch?.(totals.lines);
    });
    inflight.catch(() => {}); // observed at the next await; never an unhandled rejection meanwhile
  };
  let error: string | null = null;
  try {
    for await (const item of readLogFile(name, createReadStream(file))) {
      if (item.line <= skip) continue;
      if ('event' in item) pending.events.push({ event: item.event, text: item.text, line: item.line });
      else pending.quarantined.push({ line: item.line, reason: item.quarantined, excerpt: item.text.slice(0, 500) });
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
  await client.query(`UPDATE "LogFile" SET status = $2, error = $3, "finishedAt" = now() WHERE id = $1`, [row.id, status, error]);
  const kept = await client.query<{ line: number; reason: string }>(`SELECT line, reason FROM "LogQuarantine" WHERE "fileId" = $1 ORDER BY line LIMIT ${KEEP_QUARANTINED}`, [row.id]);
  return { fileId: row.id, status, lines: totals.lines, inserted: totals.inserted, duplicates: totals.duplicates, quarantinedCount: totals.quarantined, quarantined: kept.rows, repeatOf: null, error } as const;
}

/** One transaction: the batch's events, its quarantined lines and the file's progress. */
async function storeBatch(client: pg.ClientBase, fileId: string, batch: Pending): Promise<{ inserted: number; rejected: Pending['quarantined'] }> {
  await client.query('BEGIN');
  try {
    let inserted = 0;
    let rejected: Pending['quarantined'] = [];
    if (batch.events.length) {
      await client.query('SAVEPOINT bulk');
      try {
        inserted = await copyEvents(client, fileId, batch.events);
      } catch {
        // A record PostgreSQL refuses (rare: e.g. an unpaired surrogate in jsonb) must not sink its batch.
        await client.query('ROLLBACK TO SAVEPOINT bulk');
        ({ inserted, rejected } = await insertOneByOne(client, fileId, batch.events));
      }
    }
    const quarantined = [...batch.quarantined, ...rejected];
    if (quarantined.length) {
      await client.query(
        `INSERT INTO "LogQuarantine" ("fileId", line, reason, excerpt) SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[])`,
        [fileId, quarantined.map((q) => q.line), quarantined.map((q) => q.reason), quarantined.map((q) => q.excerpt)],
      );
    }
    const times = batch.events.map((e) => e.event.timestamp).sort();
    await client.query(
      `UPDATE "LogFile" SET lines = $2, inserted = inserted + $3, duplicates = duplicates + $4, quarantined = quarantined + $5,
         "firstEventAt" = LEAST("firstEventAt", $6::timestamptz), "lastEventAt" = GREATEST("lastEventAt", $7::timestamptz) WHERE id = $1`,
      [fileId, batch.lastLine, inserted, batch.events.length - rejected.length - inserted, quarantined.length, times[0] ?? null, times.at(-1) ?? null],
    );
    await client.query('COMMIT');
    return { inserted, rejected };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

const STAGE = `CREATE TEMP TABLE IF NOT EXISTS log_stage (principal_id text, event_id text, type text, event_type text, at timestamptz,
  agent_id text, actor_email text, record text, line int) ON COMMIT DELETE ROWS`;

/** Adds the rows of `ins` to the per-type counts (in key order, so concurrent ingesters never deadlock). */
const COUNT_INSERTED = `INSERT INTO "LogEventCount" ("principalId", type, "eventType", events, newest)
  SELECT "principalId", type, COALESCE("eventType", ''), count(*), max(at) FROM ins GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT ("principalId", type, "eventType") DO UPDATE SET events = "LogEventCount".events + EXCLUDED.events, newest = GREATEST("LogEventCount".newest, EXCLUDED.newest)`;

async function copyEvents(client: pg.ClientBase, fileId: string, events: Pending['events']): Promise<number> {
  await client.query(STAGE);
  const content: { principal: string; eventId: string; type: string; path: string; text: string; at: string }[] = [];
  const rows = events.map(({ event, text, line }) => {
    const split = splitContent(event.record);
    for (const c of split.content) content.push({ principal: event.principalId, eventId: event.eventId, type: event.type, path: c.path, text: c.text, at: event.timestamp });
    const record = split.content.length ? JSON.stringify(split.metadata) : text;
    return `${[event.principalId, event.eventId, event.type, event.eventType, event.timestamp, agentIdOf(event.record), actorEmailOf(event.record), record].map(copyField).join('\t')}\t${line}\n`;
  });
  // One chunk per batch: thousands of tiny socket writes cost more than the COPY itself.
  await pipeline(Readable.from([rows.join('')]), client.query(copyFrom('COPY log_stage FROM STDIN')));
  const result = await client.query<{ n: number }>(
    `WITH ins AS (
       INSERT INTO "LogEvent" ("principalId", "eventId", type, "eventType", at, "agentId", "actorEmail", record, "fileId", line)
       SELECT principal_id, event_id, type, event_type, at, agent_id, actor_email, record::jsonb, $1, line FROM log_stage
       ON CONFLICT DO NOTHING RETURNING "principalId", type, "eventType", at
     ), counted AS (${COUNT_INSERTED})
     SELECT count(*)::int AS n FROM ins`,
    [fileId],
  );
  if (content.length) {
    // Personal data goes to its own table (lib/logs/content.ts); a duplicate event brings nothing new.
    await client.query(
      `INSERT INTO "LogContent" ("principalId", "eventId", "logType", path, text, at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[]) ON CONFLICT DO NOTHING`,
      [content.map((c) => c.principal), content.map((c) => c.eventId), content.map((c) => c.type), content.map((c) => c.path), content.map((c) => c.text), content.map((c) => c.at)],
    );
  }
  return result.rows[0]!.n;
}

async function insertOneByOne(client: pg.ClientBase, fileId: string, events: Pending['events']) {
  let inserted = 0;
  const rejected: Pending['quarantined'] = [];
  for (const { event, text: raw, line } of events) {
    const split = splitContent(event.record);
    const text = split.content.length ? JSON.stringify(split.metadata) : raw;
    await client.query('SAVEPOINT one');
    try {
      const result = await client.query(
        `INSERT INTO "LogEvent" ("principalId", "eventId", type, "eventType", at, "agentId", "actorEmail", record, "fileId", line)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10) ON CONFLICT DO NOTHING`,
        [event.principalId, event.eventId, event.type, event.eventType, event.timestamp, agentIdOf(event.record), actorEmailOf(event.record), text, fileId, line],
      );
      inserted += result.rowCount ?? 0;
      if (result.rowCount) {
        await client.query(
          `WITH ins AS (SELECT $1::text AS "principalId", $2::text AS type, $3::text AS "eventType", $4::timestamptz AS at) ${COUNT_INSERTED}`,
          [event.principalId, event.type, event.eventType, event.timestamp],
        );
      }
      for (const c of split.content) {
        await client.query(`INSERT INTO "LogContent" ("principalId", "eventId", "logType", path, text, at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`, [event.principalId, event.eventId, event.type, c.path, c.text, event.timestamp]);
      }
    } catch (error) {
      await client.query('ROLLBACK TO SAVEPOINT one');
      rejected.push({ line, reason: `refused by the database: ${(error as Error).message}`, excerpt: raw.slice(0, 500) });
    }
  }
  return { inserted, rejected };
}

/** COPY's text format: \N is NULL; backslash, tab, newline and carriage return are escaped. */
function copyField(value: string | null): string {
  if (value === null) return '\\N';
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

async function createFileRow(client: pg.ClientBase, f: { name: string; sha256: string; size: number; options: IngestOptions }): Promise<FileRow> {
  const { rows } = await client.query<FileRow>(
    `INSERT INTO "LogFile" (id, source, name, sha256, size, "startedBy") VALUES (gen_random_uuid()::text, $1, $2, $3, $4, $5)
     RETURNING id, status, lines, inserted, duplicates, quarantined`,
    [f.options.source, f.name, f.sha256, f.size, f.options.startedBy],
  );
  return rows[0]!;
}

async function recordRepeat(client: pg.ClientBase, previous: FileRow, f: { name: string; sha256: string; size: number; options: IngestOptions }): Promise<FileOutcome> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO "LogFile" (id, source, name, sha256, size, "startedBy", status, "repeatOf", lines, duplicates, "firstEventAt", "lastEventAt", "finishedAt")
     SELECT gen_random_uuid()::text, $1, $2, $3, $4, $5, 'repeat', id, lines, inserted + duplicates, "firstEventAt", "lastEventAt", now() FROM "LogFile" WHERE id = $6
     RETURNING id`,
    [f.options.source, f.name, f.sha256, f.size, f.options.startedBy, previous.id],
  );
  return {
    fileId: rows[0]!.id, name: f.name, sha256: f.sha256, status: 'repeat', lines: previous.lines, inserted: 0, duplicates: previous.inserted + previous.duplicates,
    quarantinedCount: 0, quarantined: [], repeatOf: previous.id, resumedAfter: null, error: null,
  };
}

async function digest(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return { sha256: hash.digest('hex'), size: (await stat(file)).size };
}
