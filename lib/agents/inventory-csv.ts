// Parser for the Global Admin Console agent export (guide 6.4 step 1):
// agent_id,agent_name,owner_email,connected_apps — header required, any column order, extra columns ignored
// (except an optional `status`: draft, pending_review, published, suspended or deleted).
// Apps are separated by `;` (as the guide writes them), `|`, or `,` inside a quoted field.
// UTF-8 BOM and CRLF are tolerated. Every bad row is reported with the line it starts on; nothing is dropped silently.
import { Readable, Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parse } from 'csv-parse';

export const INVENTORY_COLUMNS = ['agent_id', 'agent_name', 'owner_email', 'connected_apps'] as const;

export type InventoryRow = { line: number; agentId: string; agentName: string; ownerEmail: string; apps: string[]; status?: AgentStatus };

export const AGENT_STATUSES = ['draft', 'pending_review', 'published', 'suspended', 'deleted'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];
export type RowError = { line: number; agentId: string | null; reason: string };
export type ParsedInventory = {
  rows: InventoryRow[];
  errors: RowError[];
  /** A problem with the whole file (no header, missing column, unreadable): nothing can be imported. */
  fatal: { line: number; reason: string } | null;
};

const EMAIL = /^[^\s@"<>,;]+@[^\s@"<>,;]+\.[^\s@"<>,;]+$/;
const MAX_ID = 200;

export function splitApps(cell: string): string[] {
  const seen = new Set<string>();
  const apps: string[] = [];
  for (const part of cell.split(/[;|,]/)) {
    const app = part.trim();
    if (app === '' || seen.has(app)) continue;
    seen.add(app);
    apps.push(app);
  }
  return apps;
}

export async function parseInventory(input: Buffer | string | AsyncIterable<Buffer | string>): Promise<ParsedInventory> {
  const source = typeof input === 'string' || Buffer.isBuffer(input) ? Readable.from([input]) : Readable.from(input);
  const parser = source
    .pipe(crlfToLf())
    .pipe(parse({ bom: true, relax_column_count: true, relax_quotes: true }));
  const result: ParsedInventory = { rows: [], errors: [], fatal: null };
  const firstLine = new Map<string, number>();
  let columns: Map<string, number> | null = null;
  let width = 0;
  let next = 1; // the line the next record starts on (input is LF-only by now)
  await new Promise<void>((resolve) => {
    // Events, not async iteration: an iterator rejects on a parse error before yielding the records read so far.
    parser.on('data', (record: string[]) => {
      const line = next;
      next += 1 + lineBreaksIn(record);
      if (result.fatal || (record.length === 1 && record[0] === '')) return; // a blank line
      if (columns === null) {
        columns = headerColumns(record, line, result);
        width = record.length;
        return;
      }
      const row = checkRow(record, width, line, columns, firstLine);
      if (typeof row === 'string') result.errors.push({ line, agentId: field(record, columns, 'agent_id') || null, reason: row });
      else result.rows.push(row);
    });
    parser.on('error', (error: Error & { code?: string }) => {
      const reason = error.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted field opened here is never closed' : error.message;
      result.fatal ??= { line: next, reason: `unparseable: ${reason}` };
      resolve();
    });
    parser.on('end', () => resolve());
  });
  if (columns === null && result.fatal === null) result.fatal = { line: 1, reason: 'the file is empty: a header line is required' };
  return result;
}

/** Line breaks inside a record's quoted fields: each one moves the next record down a line. */
function lineBreaksIn(record: string[]): number {
  let n = 0;
  for (const value of record) for (let i = value.indexOf('\n'); i !== -1; i = value.indexOf('\n', i + 1)) n++;
  return n;
}

/** CRLF (and a lone CR) to LF, across chunk boundaries, so line numbers count the way editors do. */
function crlfToLf(): Transform {
  let pendingCr = false;
  const decoder = new StringDecoder('utf8'); // a multi-byte character may straddle two chunks
  return new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      let text = (pendingCr ? '\r' : '') + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
      pendingCr = text.endsWith('\r');
      if (pendingCr) text = text.slice(0, -1);
      done(null, text.replace(/\r\n?/g, '\n'));
    },
    flush(done) {
      done(null, decoder.end() + (pendingCr ? '\n' : ''));
    },
  });
}

function headerColumns(record: string[], line: number, result: ParsedInventory): Map<string, number> | null {
  const columns = new Map(record.map((name, i) => [name.trim().toLowerCase(), i] as const));
  const missing = INVENTORY_COLUMNS.filter((c) => !columns.has(c));
  if (missing.length > 0) {
    result.fatal = { line, reason: `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (the header must name ${INVENTORY_COLUMNS.join(', ')})` };
    return null;
  }
  return columns;
}

function field(record: string[], columns: Map<string, number>, name: string): string {
  return (record[columns.get(name)!] ?? '').trim();
}

function checkRow(record: string[], width: number, line: number, columns: Map<string, number>, firstLine: Map<string, number>): InventoryRow | string {
  if (record.length !== width) return `expected ${width} fields, found ${record.length}`;
  const agentId = field(record, columns, 'agent_id');
  if (agentId === '') return 'missing agent_id';
  if (agentId.length > MAX_ID) return `agent_id longer than ${MAX_ID} characters`;
  const first = firstLine.get(agentId);
  if (first !== undefined) return `duplicate agent_id ${agentId} (first on line ${first})`;
  firstLine.set(agentId, line);
  const ownerEmail = field(record, columns, 'owner_email');
  if (ownerEmail === '') return 'missing owner_email';
  if (!EMAIL.test(ownerEmail)) return `bad owner_email "${ownerEmail}"`;
  const row: InventoryRow = { line, agentId, agentName: field(record, columns, 'agent_name'), ownerEmail: ownerEmail.toLowerCase(), apps: splitApps(record[columns.get('connected_apps')!] ?? '') };
  if (columns.has('status')) {
    const status = field(record, columns, 'status').toLowerCase().replace(/[\s-]+/g, '_');
    if (status !== '') {
      if (!(AGENT_STATUSES as readonly string[]).includes(status)) return `unknown status "${field(record, columns, 'status')}" (expected ${AGENT_STATUSES.join(', ')})`;
      row.status = status as AgentStatus;
    }
  }
  return row;
}
