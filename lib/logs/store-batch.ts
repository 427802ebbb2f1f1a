// One batch of a Compliance Logs file, in one transaction: its events, their keys, counts, agents and content, its
// quarantined lines and the file's progress (lib/logs/store.ts reads the file; decision 0032 says why the keys have
// their own table). The batch first claims its keys in LogEventKey (INSERT … ON CONFLICT DO NOTHING RETURNING), then
// COPYs only the events whose key it claimed into LogEvent, which routes each to its week's partition.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { COLUMNS, copyText, keyOf, type StoreRow } from './store-rows.ts';

export type Quarantined = { line: number; reason: string; excerpt: string };
export type Batch = { rows: StoreRow[]; quarantined: Quarantined[]; lastLine: number };
/** The file being stored, and the agents already recorded for it (LogFileAgent) by this run. */
export type FileCtx = { id: string; agents: Set<string> };

/** One transaction: the batch's events, its quarantined lines and the file's progress. */
export async function storeBatch(
  client: pg.ClientBase,
  file: FileCtx,
  batch: Batch,
): Promise<{ inserted: number; rejected: Quarantined[] }> {
  // The batch's commit need not wait for its WAL to reach disk: any later synchronous commit (the file's
  // final status, the puller's checkpoint) flushes it first, and a server crash in between only rolls the
  // file's progress back together with its events — the next run resumes there, exactly once all the same.
  await client.query('BEGIN; SET LOCAL synchronous_commit = off');
  try {
    let inserted = 0;
    let rejected: Quarantined[] = [];
    if (batch.rows.length) {
      await client.query('SAVEPOINT bulk');
      try {
        inserted = await copyEvents(client, file, batch.rows);
      } catch {
        // A record PostgreSQL refuses (rare: e.g. JSON it reads differently from JavaScript) must not sink its batch.
        await client.query('ROLLBACK TO SAVEPOINT bulk');
        ({ inserted, rejected } = await insertOneByOne(client, file, batch.rows));
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
    for (const { timestamp, line } of batch.rows) {
      if (refused.has(line)) continue; // a refused record's timestamp may be one PostgreSQL cannot read
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
        inserted,
        batch.rows.length - rejected.length - inserted,
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

/**
 * One key insert and one COPY: the batch's keys go into LogEventKey, and only the events whose key went in are COPY'd
 * into LogEvent. A key another ingester is writing at the same moment makes the claim wait for its transaction: the
 * event is stored there or here, once.
 */
async function copyEvents(client: pg.ClientBase, file: FileCtx, rows: StoreRow[]): Promise<number> {
  const fresh = await claimKeys(client, rows);
  if (fresh.length === 0) return 0;
  // One chunk per batch: thousands of tiny socket writes cost more than the COPY itself.
  const text = copyText(fresh, file.id);
  await pipeline(Readable.from([text]), client.query(copyFrom(`COPY "LogEvent" (${COLUMNS}) FROM STDIN`)));
  await countStored(client, file, fresh);
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
  return fresh.length;
}

/**
 * The batch's rows whose key this transaction stored: not stored before, each (principal, event_id) once. Keys go in
 * in one order (their key strings' code units), so two ingesters claiming overlapping batches wait for each other in
 * that order and never deadlock. Node orders them (most files come in that order already, and checking is one pass);
 * the server inserts them as sent, since a scan of unnest() yields its elements in array order and nothing between
 * it and the insert reorders them: no sort in the server per batch.
 */
async function claimKeys(client: pg.ClientBase, rows: StoreRow[]): Promise<StoreRow[]> {
  const first = new Map<string, StoreRow>();
  for (const r of rows) {
    const key = keyOf(r);
    if (!first.has(key)) first.set(key, r);
  }
  let keys = [...first.keys()];
  if (!inOrder(keys)) keys = keys.sort();
  const list = keys.map((k) => first.get(k)!);
  // The key also says where its event is (at, agent): LogEvent has no key of its own to find it by (decision 0032).
  const { rows: claimed } = await client.query<[string, string]>({
    text: `INSERT INTO "LogEventKey" ("principalId", "eventId", at, "agentId")
     SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[])
     ON CONFLICT DO NOTHING RETURNING "principalId", "eventId"`,
    values: [
      list.map((r) => r.principalId),
      list.map((r) => r.eventId),
      list.map((r) => r.timestamp),
      list.map((r) => r.agentId),
    ],
    rowMode: 'array',
  });
  if (claimed.length === list.length) return list;
  const mine = new Set(claimed.map(([principalId, eventId]) => keyOf({ principalId, eventId })));
  return list.filter((r) => mine.has(keyOf(r)));
}

function inOrder(keys: string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return false;
  return true;
}

/**
 * What the stored events add: per (principal, type, event type) their number, newest and oldest, to LogEventCount
 * (in key order, so concurrent ingesters never deadlock); the agents they are about, to LogFileAgent.
 */
async function countStored(client: pg.ClientBase, file: FileCtx, stored: StoreRow[]) {
  type Group = { principal: string; type: string; eventType: string; events: number; newest: string; oldest: string };
  const groups = new Map<string, Group>();
  const agents = new Map<string, [string, string]>();
  for (const e of stored) {
    const key = `${e.principalId}\u0000${e.type}\u0000${e.eventType ?? ''}`;
    const g = groups.get(key);
    if (!g) {
      const { principalId: principal, type, timestamp } = e;
      groups.set(key, {
        principal,
        type,
        eventType: e.eventType ?? '',
        events: 1,
        newest: timestamp,
        oldest: timestamp,
      });
    } else {
      g.events++;
      // Timestamps are normalised to one fixed-width UTC form (lib/logs/event.ts): text order is time order.
      if (e.timestamp > g.newest) g.newest = e.timestamp;
      if (e.timestamp < g.oldest) g.oldest = e.timestamp;
    }
    if (e.agentId === null) continue;
    const agent = `${e.principalId}\u0000${e.agentId}`;
    if (!file.agents.has(agent)) agents.set(agent, [e.principalId, e.agentId]);
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
  if (agents.size === 0) return;
  const pairs = [...agents.values()];
  await client.query(
    `INSERT INTO "LogFileAgent" ("fileId", "principalId", "agentId") SELECT $1, * FROM unnest($2::text[], $3::text[])
     ON CONFLICT DO NOTHING`,
    [file.id, pairs.map((p) => p[0]), pairs.map((p) => p[1])],
  );
  for (const key of agents.keys()) file.agents.add(key); // a failed batch fails the whole ingestion: never ahead
}

/** The slow path, for a batch the server refused: line by line, each in its own savepoint, refusals quarantined. */
async function insertOneByOne(client: pg.ClientBase, file: FileCtx, rows: StoreRow[]) {
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
      if (!key.rowCount) {
        await client.query('RELEASE SAVEPOINT one');
        continue; // stored before, or earlier in this batch
      }
      const result = await client.query(
        `INSERT INTO "LogEvent" (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::json, $9, $10)`,
        [
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
        ],
      );
      if (result.rowCount) stored.push(row);
      for (const c of row.content) {
        await client.query(
          `INSERT INTO "LogContent" ("principalId", "eventId", "logType", path, text, at)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [row.principalId, row.eventId, row.type, c.path, c.text, row.timestamp],
        );
      }
    } catch (error) {
      await client.query('ROLLBACK TO SAVEPOINT one');
      rejected.push({
        line: row.line,
        reason: `refused by the database: ${(error as Error).message}`,
        excerpt: row.record.slice(0, 500),
      });
    }
  }
  await countStored(client, file, stored);
  return { inserted: stored.length, rejected };
}
