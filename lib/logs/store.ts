// Stores Compliance Logs files exactly once per (principal, event_id). Delivery is at-least-once, so every
// batch first claims its keys in LogEventKey (INSERT … ON CONFLICT DO NOTHING) and COPYs only the events whose key
// it claimed into LogEvent, which is partitioned by time and cannot hold that key itself (decision 0032). The
// batch's keys, events, quarantined lines and the file's progress commit together, so a crash (kill -9) mid-file
// loses nothing and, on the next run of the same bytes, the file resumes after its last committed line.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { CorruptFileError, READ_LIMITS, readLogFile, type ReadLimits } from './reader.ts';
import type { Batch, FileCtx } from './store-batch.ts';
import { BatchPipeline } from './store-pipeline.ts';
import { rowOf } from './store-rows.ts';

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
  /** A file the puller read: the platform's id of it and its checksum (`sha-256:<hex>`) when the platform gave one. */
  platform?: { fileId: string; checksum: string | null };
};

type FileRow = { id: string; status: string; lines: number; inserted: number; duplicates: number; quarantined: number };

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
    if (previous?.status === 'complete') {
      const repeat = await recordRepeat(client, previous, { name, sha256, size, options });
      await notePlatform(client, repeat.fileId, options);
      return repeat;
    }
    if (previous?.status === 'failed')
      await client.query(`UPDATE "LogFile" SET status = 'ingesting', error = NULL, "finishedAt" = NULL WHERE id = $1`, [
        previous.id,
      ]);
    const row = previous ?? (await createFileRow(client, { name, sha256, size, options }));
    await notePlatform(client, row.id, options);
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
  const file: FileCtx = { id: row.id, agents: new Map() };
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  let pending: Batch = { rows: [], quarantined: [], lastLine: skip };
  const totals = { inserted: row.inserted, duplicates: row.duplicates, quarantined: row.quarantined, lines: row.lines };
  // Batches are stored in order (so `lines` only ever advances over committed lines), two at a time over two
  // connections when a second one opens (lib/logs/store-pipeline.ts), while the next batch is being read and checked.
  const sibling = await openSibling(client);
  const batches = new BatchPipeline(sibling ? [client, sibling] : [client], file, (batch, stored) => {
    totals.inserted += stored.inserted;
    // a refused line is no duplicate
    totals.duplicates += batch.rows.length - stored.rejected.length - stored.inserted;
    totals.quarantined += batch.quarantined.length + stored.rejected.length;
    totals.lines = batch.lastLine;
    options.onBatch?.(totals.lines);
  });
  let queuedThrough = skip;
  const flush = async () => {
    if (pending.lastLine === queuedThrough) return;
    const batch = pending;
    queuedThrough = batch.lastLine;
    pending = { rows: [], quarantined: [], lastLine: batch.lastLine };
    await batches.push(batch);
  };
  let error: string | null = null;
  try {
    try {
      for await (const item of readLogFile(name, createReadStream(filePath), options.limits ?? READ_LIMITS)) {
        if (item.line <= skip) continue;
        // Content splitting inside the per-line guard: whatever a record holds, it can refuse only its own line.
        const stored = 'event' in item ? rowOf(item.event, item.text, item.line) : { reason: item.quarantined };
        if ('record' in stored) pending.rows.push(stored);
        else pending.quarantined.push({ line: item.line, reason: stored.reason, excerpt: item.text.slice(0, 500) });
        pending.lastLine = item.line;
        if (pending.rows.length + pending.quarantined.length >= batchSize) await flush();
      }
    } catch (failure) {
      if (!(failure instanceof CorruptFileError)) {
        await batches.drain().catch(() => {}); // every batch in flight committed or rolled back
        throw failure;
      }
      error = failure.message;
    }
    await flush(); // what was read before a corruption is good: keep it
    await batches.drain();
  } finally {
    await sibling?.end().catch(() => {});
  }
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

/** Where a pulled file came from on the platform, kept beside Tollgate's own SHA-256 (docs/decisions/0039). */
async function notePlatform(client: pg.ClientBase, fileId: string, options: IngestOptions) {
  if (!options.platform) return;
  await client.query(`UPDATE "LogFile" SET "platformFileId" = $2, "platformChecksum" = $3 WHERE id = $1`, [
    fileId,
    options.platform.fileId,
    options.platform.checksum,
  ]);
}

/**
 * A second connection to the same database, for the pipeline's other half; none (one connection, the same
 * guarantees, slower) when the client does not say how it connected or the server refuses one more connection.
 */
async function openSibling(client: pg.ClientBase): Promise<pg.Client | null> {
  const params = (client as { connectionParameters?: pg.ClientConfig }).connectionParameters;
  if (!params) return null;
  const sibling = new pg.Client(params);
  sibling.on('error', () => {}); // a dropped connection fails its next query, which fails the file
  try {
    await sibling.connect();
    return sibling;
  } catch {
    return null;
  }
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
