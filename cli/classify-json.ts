// `tollgate classify --json` for the common export, fast enough for a million agents: one pass over the text that
// keeps per row only offsets into it (no row objects), each distinct apps cell classified once, the output made in
// ~1 MB pieces as it is written. It gives exactly what parseInventory + exposeInventory + createJsonRowWriter give
// (cli/classify-json.test.ts compares them byte for byte), and hands back null for any file it does not handle
// alike — quoting, a NUL, text that is not UTF-8, no usable header, or any row the full parser would report — so
// the caller runs the full parser, which names every problem with its line.
import { isAscii, isUtf8 } from 'node:buffer';
import { AGENT_STATUSES, INVENTORY_COLUMNS } from '@/lib/agents/inventory-csv.ts';
import type { AppResolver } from '@/lib/apps/resolve.ts';
import { jsonString } from '@/lib/trifecta/classify-inventory.ts';
import { compareIds } from '@/lib/trifecta/classify.ts';
import { Cells } from './classify-cells.ts';
import { SpanTable, trimmed } from './span-table.ts';

export type JsonClassification = { pieces: Iterable<string>; trifecta: boolean; unknown: boolean };

const EMAIL = /^[^\s@"<>,;]+@[^\s@"<>,;]+\.[^\s@"<>,;]+$/;
const MAX_ID = 200;
const PIECE = 1 << 20;
// Anything JSON would escape, or that is not ASCII: then each field goes through jsonString.
const NOT_PLAIN = /[^\n\x20\x21\x23-\x5b\x5d-\x7e]/;

export function classifyJson(bytes: Buffer, resolveApp: AppResolver): JsonClassification | null {
  // What readCsvRecords would refuse, or parse with papaparse's quoting rules: the full parser's job.
  if (bytes.includes(0) || bytes.includes(0x22) || !isUtf8(bytes)) return null;
  let text = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  const lines = new Lines(text);
  const header = lines.nextRecord();
  if (header === null) return null;
  const names = text.slice(header.start, header.end).split(',');
  const columns = new Map(names.map((name, i) => [name.trim().toLowerCase(), i] as const));
  if (INVENTORY_COLUMNS.some((c) => !columns.has(c))) return null;
  const width = names.length;
  const at = {
    id: columns.get('agent_id')!,
    name: columns.get('agent_name')!,
    email: columns.get('owner_email')!,
    apps: columns.get('connected_apps')!,
    status: columns.get('status') ?? -1,
  };

  const rows = new RowTable();
  const emails = new SpanTable(text);
  const emailJson: string[] = [];
  const cells = new Cells(text, resolveApp);
  const statuses = new SpanTable(text);
  const bounds = new Int32Array(width * 2);
  for (let record = lines.nextRecord(); record !== null; record = lines.nextRecord()) {
    if (!fieldBounds(text, record.start, record.end, bounds)) return null;
    const [idStart, idEnd] = trimmed(text, bounds[at.id * 2]!, bounds[at.id * 2 + 1]!);
    if (idStart === idEnd || idEnd - idStart > MAX_ID) return null;
    const email = emails.id(...trimmed(text, bounds[at.email * 2]!, bounds[at.email * 2 + 1]!));
    if (email === emailJson.length) {
      const raw = emails.value(email);
      if (!EMAIL.test(raw)) return null;
      emailJson.push(jsonString(raw.toLowerCase()));
    }
    if (at.status !== -1) {
      const status = statuses.id(...trimmed(text, bounds[at.status * 2]!, bounds[at.status * 2 + 1]!));
      if (status === statuses.size - 1 && !knownStatus(statuses.value(status))) return null;
    }
    const [nameStart, nameEnd] = trimmed(text, bounds[at.name * 2]!, bounds[at.name * 2 + 1]!);
    const cell = cells.of(bounds[at.apps * 2]!, bounds[at.apps * 2 + 1]!);
    rows.push(idStart, idEnd, nameStart, nameEnd, email, cell);
  }
  const order = rows.sortedById(text);
  if (order === null) return null; // a duplicate agent_id
  return {
    pieces: jsonPieces(text, rows, order, emailJson, cells, !NOT_PLAIN.test(text)),
    trifecta: rows.some((r) => cells.trifecta(rows.cell[r]!)),
    unknown: rows.some((r) => cells.unknown(rows.cell[r]!)),
  };
}

function* jsonPieces(
  text: string,
  rows: RowTable,
  order: ArrayLike<number>,
  emails: string[],
  cells: Cells,
  plain: boolean,
): Generator<string> {
  const field = (start: number, end: number) =>
    plain ? `"${text.slice(start, end)}"` : jsonString(text.slice(start, end));
  let piece = '[\n';
  for (let k = 0; k < order.length; k++) {
    const r = order[k]!;
    piece +=
      `${k ? ',\n' : ''}{"agent_id":${field(rows.idStart[r]!, rows.idEnd[r]!)},` +
      `"agent_name":${field(rows.nameStart[r]!, rows.nameEnd[r]!)},` +
      `"owner_email":${emails[rows.email[r]!]},${cells.tail(rows.cell[r]!)}`;
    if (piece.length >= PIECE) {
      yield piece;
      piece = '';
    }
  }
  yield `${piece}\n]\n`;
}

function knownStatus(raw: string): boolean {
  const status = raw.toLowerCase().replace(/[\s-]+/g, '_');
  return status === '' || (AGENT_STATUSES as readonly string[]).includes(status);
}

/** Non-blank lines with their bounds (no quoting here: a line is a record). */
class Lines {
  private at = 0;
  constructor(private readonly text: string) {}

  nextRecord(): { start: number; end: number } | null {
    while (this.at < this.text.length) {
      const start = this.at;
      let end = this.text.indexOf('\n', start);
      if (end === -1) end = this.text.length;
      this.at = end + 1;
      if (end > start) return { start, end };
    }
    return null;
  }
}

/** Each field's [start, end) into `bounds`; false unless the line has exactly bounds.length / 2 fields. */
function fieldBounds(text: string, start: number, end: number, bounds: Int32Array): boolean {
  const width = bounds.length / 2;
  let from = start;
  for (let f = 0; f < width - 1; f++) {
    const comma = text.indexOf(',', from);
    if (comma === -1 || comma >= end) return false;
    bounds[f * 2] = from;
    bounds[f * 2 + 1] = comma;
    from = comma + 1;
  }
  const extra = text.indexOf(',', from);
  if (extra !== -1 && extra < end) return false;
  bounds[width * 2 - 2] = from;
  bounds[width * 2 - 1] = end;
  return true;
}

/** Per row only offsets and two small numbers: a million rows take ~24 MB. */
class RowTable {
  idStart = new Int32Array(1024);
  idEnd = new Int32Array(1024);
  nameStart = new Int32Array(1024);
  nameEnd = new Int32Array(1024);
  email = new Uint32Array(1024);
  cell = new Uint32Array(1024);
  length = 0;

  push(idStart: number, idEnd: number, nameStart: number, nameEnd: number, email: number, cell: number) {
    if (this.length === this.idStart.length) this.grow();
    const i = this.length++;
    this.idStart[i] = idStart;
    this.idEnd[i] = idEnd;
    this.nameStart[i] = nameStart;
    this.nameEnd[i] = nameEnd;
    this.email[i] = email;
    this.cell[i] = cell;
  }

  some(test: (row: number) => boolean): boolean {
    for (let i = 0; i < this.length; i++) if (test(i)) return true;
    return false;
  }

  /** Rows in agent id order (an export is usually in it already); null if two rows share an id. */
  sortedById(text: string): ArrayLike<number> | null {
    const id = (r: number) => text.slice(this.idStart[r]!, this.idEnd[r]!);
    let sorted = true;
    for (let r = 1; r < this.length && sorted; r++) {
      const c = compareIds(id(r - 1), id(r));
      if (c === 0) return null;
      if (c > 0) sorted = false;
    }
    if (sorted) return Uint32Array.from({ length: this.length }, (_, r) => r);
    const ids = Array.from({ length: this.length }, (_, r) => id(r));
    const order = Array.from({ length: this.length }, (_, r) => r).sort((a, b) => compareIds(ids[a]!, ids[b]!));
    for (let k = 1; k < order.length; k++) if (ids[order[k - 1]!] === ids[order[k]!]) return null;
    return order;
  }

  private grow() {
    const grow = <T extends Int32Array | Uint32Array>(a: T): T => {
      const bigger = new (a.constructor as new (n: number) => T)(a.length * 2);
      bigger.set(a);
      return bigger;
    };
    this.idStart = grow(this.idStart);
    this.idEnd = grow(this.idEnd);
    this.nameStart = grow(this.nameStart);
    this.nameEnd = grow(this.nameEnd);
    this.email = grow(this.email);
    this.cell = grow(this.cell);
  }
}
