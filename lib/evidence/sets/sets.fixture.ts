// Test helpers for evidence sets: drain an async iterable, and read CSV text back into cells (RFC 4180 quoting).
import type { Db } from '@/lib/db.ts';
import { csvLines, jsonLines } from './serialize.ts';
import type { EvidenceSetDef, SetContext } from './types.ts';

export async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

export async function text(chunks: AsyncIterable<string>): Promise<string> {
  return (await collect(chunks)).join('');
}

/** Both files of a set, as the pack would write them. */
export async function setFiles(db: Db, def: EvidenceSetDef, ctx: SetContext) {
  return { csv: await text(csvLines(def, def.rows(db, ctx))), json: await text(jsonLines(def, def.rows(db, ctx))) };
}

/** Records of CSV text: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(csv: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i]!;
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(cell);
      cell = '';
    } else if (ch === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || record.length) {
    record.push(cell);
    records.push(record);
  }
  return records;
}

/** CSV records as objects keyed by the header. */
export function csvObjects(csv: string): Record<string, string>[] {
  const [header, ...records] = parseCsv(csv);
  return records.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}
