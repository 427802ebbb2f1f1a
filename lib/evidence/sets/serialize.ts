// An evidence set's rows as CSV and as JSON text, streamed in chunks of about 64 KB. Deterministic: the same rows
// give the same bytes (cells and objects are written in one canonical form, keys sorted, dates as ISO strings).
// CSV cells are formula-injection safe; JSON rows are canonical JSON, one per line, inside one array.
import { stringify } from 'csv-stringify/sync';
import { canonicalJson } from '@/lib/audit/chain.ts';
import { safeCsvCell } from '@/lib/http/csv-safe.ts';
import type { EvidenceSetDef } from './types.ts';

const CHUNK = 64 * 1024;
/** Rows handed to csv-stringify at once (its per-call cost is paid once per batch, not per row). */
const BATCH = 500;

/** One CSV cell's text: '' for null, ISO for a date, '; ' between array items, canonical JSON for an object. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value))
    return value
      .map((v) => (v !== null && typeof v === 'object' && !(v instanceof Date) ? canonicalJson(v) : cellText(v)))
      .join('; ');
  if (typeof value === 'object') return canonicalJson(value);
  return String(value);
}

function csvText(records: string[][]): string {
  return stringify(records, { record_delimiter: 'unix', eof: true });
}

/** The header, then one line per row (the set's columns, in order), every cell through safeCsvCell. */
export async function* csvLines(
  def: Pick<EvidenceSetDef, 'columns'>,
  rows: AsyncIterable<Record<string, unknown>>,
): AsyncIterable<string> {
  let pending = csvText([def.columns.map(safeCsvCell)]);
  let batch: string[][] = [];
  for await (const row of rows) {
    batch.push(def.columns.map((column) => safeCsvCell(cellText(row[column]))));
    if (batch.length < BATCH) continue;
    pending += csvText(batch);
    batch = [];
    if (pending.length >= CHUNK) {
      yield pending;
      pending = '';
    }
  }
  if (batch.length) pending += csvText(batch);
  if (pending) yield pending;
}

/** A JSON array: `[`, each row as canonical JSON on its own line separated by `,`, `]`, and a final newline. */
export async function* jsonLines(
  _def: Pick<EvidenceSetDef, 'name'>,
  rows: AsyncIterable<Record<string, unknown>>,
): AsyncIterable<string> {
  let pending = '[\n';
  let first = true;
  for await (const row of rows) {
    pending += (first ? '' : ',\n') + canonicalJson(row);
    first = false;
    if (pending.length >= CHUNK) {
      yield pending;
      pending = '';
    }
  }
  yield `${pending}${first ? '' : '\n'}]\n`;
}
