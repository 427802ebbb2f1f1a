// The export's rows into the preview's transaction, as they are read (decision 0037): every record the reader
// checks (inventory-csv.ts InventoryReader) is COPYed into `import_parsed` — valid rows with their fields, invalid
// ones with their reason and id — so no array of rows is ever held. What needs every row is decided there, in SQL:
// a repeated id (the first row keeps it, as parseInventory decides), an id a custom GPT already has. Only the
// counts and the first MAX_ERRORS_KEPT invalid rows come back.
import type pg from 'pg';
import { arrayLiteral, copyLine } from '@/lib/csv/copy-text.ts';
import { type CheckedRecord, InventoryReader, type RowError } from '@/lib/agents/inventory-csv.ts';
import { copyLines } from './stage.ts';

export const MAX_ERRORS_KEPT = 10_000;

export type ParsedFile = {
  /** Records after the header, valid or not (none when the file is unreadable). */
  rows: number;
  valid: number;
  fatal: { line: number; reason: string } | null;
  errorCount: number;
  errors: RowError[];
};

/** Reads `pieces` into `import_parsed` (seq = the line a row starts on); with a fatal error the table is empty. */
export async function stageParsed(
  client: pg.Client,
  pieces: AsyncIterable<Uint8Array>,
  scope: { workspaceId: string; gptKind: string },
): Promise<ParsedFile> {
  await client.query(`CREATE TEMP TABLE import_parsed (seq int NOT NULL, external_id text, name text, owner text,
    status text, apps text[], error text, claims boolean NOT NULL) ON COMMIT DROP`);
  const reader = new InventoryReader();
  await copyLines(client, 'import_parsed', linesOf(reader, pieces));
  const fatal = reader.fatal;
  if (fatal) {
    await client.query('TRUNCATE import_parsed');
    return { rows: 0, valid: 0, fatal, errorCount: 0, errors: [] };
  }
  await client.query('ANALYZE import_parsed');
  // The same words as inventory-csv.ts duplicateReason.
  await client.query(
    `UPDATE import_parsed p SET error = format('duplicate agent_id %s (first on line %s)', p.external_id, d.first)
     FROM (SELECT external_id, min(seq) AS first FROM import_parsed WHERE claims
       GROUP BY external_id HAVING count(*) > 1) d
     WHERE p.claims AND p.external_id = d.external_id AND p.seq > d.first`,
  );
  // GPTs come from the platform, never from an export.
  await client.query(
    `UPDATE import_parsed p SET error = 'a custom GPT already has this id' FROM "Agent" a
     WHERE a."workspaceId" = $1 AND a.kind = $2 AND a."externalId" = p.external_id AND p.error IS NULL`,
    [scope.workspaceId, scope.gptKind],
  );
  const counts = await client.query<{ rows: number; errors: number }>(
    `SELECT count(*)::int AS rows, count(error)::int AS errors FROM import_parsed`,
  );
  const { rows, errors: errorCount } = counts.rows[0]!;
  const errors = await client.query<{ line: number; agent_id: string | null; reason: string }>(
    `SELECT seq AS line, external_id AS agent_id, error AS reason FROM import_parsed WHERE error IS NOT NULL
     ORDER BY seq LIMIT ${MAX_ERRORS_KEPT}`,
  );
  return {
    rows,
    valid: rows - errorCount,
    fatal: null,
    errorCount,
    errors: errors.rows.map((e) => ({ line: e.line, agentId: e.agent_id, reason: e.reason })),
  };
}

async function* linesOf(reader: InventoryReader, pieces: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  // Fleets repeat app lists: rows of one list share its (never mutated) array, so its literal is made once.
  const literals = new WeakMap<string[], string>();
  for await (const piece of pieces) yield* checkedLines(reader.push(piece), literals);
  yield* checkedLines(reader.end(), literals);
}

function* checkedLines(records: CheckedRecord[], literals: WeakMap<string[], string>): Generator<string> {
  for (const r of records) {
    const row = r.row;
    if (row === null) {
      yield copyLine([r.line, r.agentId, null, null, null, null, r.reason, r.claims]);
      continue;
    }
    let apps = literals.get(row.apps);
    if (apps === undefined) {
      apps = arrayLiteral(row.apps);
      literals.set(row.apps, apps);
    }
    yield copyLine([r.line, row.agentId, row.agentName, row.ownerEmail, row.status ?? null, apps, null, true]);
  }
}
