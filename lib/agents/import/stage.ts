// The staging of a previewed import (decision 0037): the rows it writes (new, changed, left out), classified, in an
// UNLOGGED table of its own, import_stage."<import id>", written once by the preview (parsed.ts and plan.ts: COPY
// into temporary tables, then one INSERT … SELECT), in the transaction that also stores the import's row; read by the
// commit with set-based SQL and dropped in the commit's (or the discard's) transaction. A preview abandoned for
// STAGE_DAYS, or a stage whose import is gone or done, is dropped by the nightly housekeeping.
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db, Tx } from '@/lib/db.ts';

export const STAGE_DAYS = 7;
const CHUNK_BYTES = 1 << 20;

const DDL = `(seq int, op text NOT NULL, id text NOT NULL, before_at timestamptz(3), external_id text,
  name text, owner text, status text, apps text[], connectors jsonb, config_hash text, app_ids text[], unknown text[],
  mcp text[], legs jsonb, leg_count int, trifecta boolean, break_apps text[], state text, history jsonb)`;

/** The stage's columns, in the order of its DDL: what the preview's plan (plan.ts) inserts. */
export const STAGE_COLUMNS =
  'seq, op, id, before_at, external_id, name, owner, status, apps, connectors, config_hash, app_ids, unknown, mcp, ' +
  'legs, leg_count, trifecta, break_apps, state, history';

/** The stage's qualified name; the id is ours (a UUID), checked anyway since it becomes an identifier. */
export function stageTable(importId: string): string {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(importId)) throw new Error(`not a stageable import id: ${importId}`);
  return `import_stage."${importId}"`;
}

/**
 * Creates the stage and lets `fill` write it inside one transaction on its own connection (`fill` may use
 * temporary tables: they end with the transaction) — the import's own row included, so a stage is never visible
 * without its import, nor an import without its stage.
 */
export async function writeStage<T>(
  url: string,
  importId: string,
  fill: (client: pg.Client, table: string) => Promise<T>,
): Promise<T> {
  const table = stageTable(importId);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    // Grouping a million parsed rows by id (duplicates) and by app list stays in memory, not on disk.
    await client.query("SET LOCAL work_mem = '64MB'");
    await client.query(`CREATE UNLOGGED TABLE ${table} ${DDL}`);
    const result = await fill(client, table);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/** COPYs COPY-text lines (lib/csv/copy-text.ts) into `table` in chunks of about a megabyte; returns the lines. */
export async function copyLines(
  client: pg.Client,
  table: string,
  lines: AsyncIterable<string> | Iterable<string>,
): Promise<number> {
  let count = 0;
  async function* chunks() {
    let chunk = '';
    for await (const line of lines) {
      chunk += line;
      count++;
      if (chunk.length >= CHUNK_BYTES) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk !== '') yield chunk;
  }
  await copyIn(client, `COPY ${table} FROM STDIN`, chunks());
  return count;
}

/** Runs a COPY … FROM STDIN statement with `data`, waiting for the server whenever the socket is full. */
export async function copyIn(
  client: pg.Client,
  sql: string,
  data: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
): Promise<void> {
  const stream = client.query(copyFrom(sql));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', () => resolve());
    stream.on('error', reject);
  });
  done.catch(() => {}); // awaited below; a failure also surfaces through write
  for await (const piece of data) {
    if (!stream.write(piece)) await Promise.race([new Promise((resolve) => stream.once('drain', resolve)), done]);
  }
  stream.end();
  await done;
}

/** A query's rows a batch at a time, through a cursor of the caller's transaction: never all of them at once. */
export async function* fetchBatches<T extends pg.QueryResultRow>(
  client: pg.Client,
  sql: string,
  params: unknown[] = [],
  batch = 2000,
): AsyncGenerator<T[]> {
  const cursor = `import_cursor_${++cursors}`;
  await client.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${sql}`, params);
  for (;;) {
    const { rows } = await client.query<T>(`FETCH ${batch} FROM ${cursor}`);
    if (rows.length > 0) yield rows;
    if (rows.length < batch) break;
  }
  await client.query(`CLOSE ${cursor}`);
}
let cursors = 0;

/** Drops an import's stage, inside the caller's transaction (a rolled-back commit keeps it). */
export async function dropStage(tx: Tx, importId: string) {
  await tx.$executeRawUnsafe(`DROP TABLE IF EXISTS ${stageTable(importId)}`);
}

export async function stageExists(tx: Tx, importId: string): Promise<boolean> {
  stageTable(importId);
  const rows = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'import_stage' AND c.relname = ${importId}`;
  return rows[0]!.n > 0;
}

/**
 * Housekeeping: drops the stages nobody can commit any more — their import committed, discarded or gone, or
 * still in preview after STAGE_DAYS (a commit of it is then refused: upload again). A stage being written is
 * invisible here until its import row is committed with it.
 */
export async function pruneImportStages(db: Db, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - STAGE_DAYS * 86_400_000);
  const stale = await db.$queryRaw<{ name: string }[]>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'import_stage' AND c.relkind = 'r'
      AND NOT EXISTS (SELECT 1 FROM "InventoryImport" i
        WHERE i.id = c.relname AND i.status = 'preview' AND i."uploadedAt" > ${since})`;
  for (const { name } of stale) await db.$executeRawUnsafe(`DROP TABLE IF EXISTS ${stageTable(name)}`);
  return stale.length;
}
