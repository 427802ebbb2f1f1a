// Parser for the Global Admin Console agent export (guide 6.4 step 1):
// agent_id,agent_name,owner_email,connected_apps — header required, any column order, extra columns ignored
// (except an optional `status`: draft, pending_review, published, suspended or deleted).
// Apps are separated by `;` (as the guide writes them), `|`, or `,` inside a quoted field.
// UTF-8 only; a BOM and CRLF are tolerated (lib/csv/record-stream.ts, read piece by piece). Every bad row is reported
// with the line it starts on; nothing is dropped silently.
import { CsvRecordStream, type StreamedRecord } from '@/lib/csv/record-stream.ts';

export const INVENTORY_COLUMNS = ['agent_id', 'agent_name', 'owner_email', 'connected_apps'] as const;

export type InventoryRow = {
  line: number;
  agentId: string;
  agentName: string;
  ownerEmail: string;
  apps: string[];
  status?: AgentStatus;
};

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
  const apps: string[] = [];
  const parts = cell.includes(',') || cell.includes('|') ? cell.split(/[;|,]/) : cell.split(';');
  for (const part of parts) {
    const app = part.trim();
    if (app !== '' && !apps.includes(app)) apps.push(app);
  }
  return apps;
}

/** The whole export in memory (the CLI's classify, tests); the import streams through InventoryReader instead. */
export async function parseInventory(
  input: Buffer | string | AsyncIterable<Buffer | string>,
): Promise<ParsedInventory> {
  const reader = new InventoryReader();
  const checked: CheckedRecord[] = [];
  const take = (records: CheckedRecord[]) => {
    for (const r of records) checked.push(r);
  };
  if (typeof input === 'string') take(reader.push(Buffer.from(input)));
  else if (Buffer.isBuffer(input)) take(reader.push(input));
  else for await (const chunk of input) take(reader.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
  take(reader.end());
  const result: ParsedInventory = { rows: [], errors: [], fatal: reader.fatal };
  if (result.fatal) return result;
  const firstLine = new Map<string, number>();
  for (const r of checked) {
    const reason = duplicateOf(r, firstLine) ?? r.reason;
    if (reason === null) result.rows.push(r.row!);
    else result.errors.push({ line: r.line, agentId: r.agentId, reason });
  }
  return result;
}

/** A row whose id an earlier row claimed; else the row claims its id. */
function duplicateOf(r: CheckedRecord, firstLine: Map<string, number>): string | null {
  if (!r.claims) return null;
  const first = firstLine.get(r.agentId!);
  if (first !== undefined) return duplicateReason(r.agentId!, first);
  firstLine.set(r.agentId!, r.line);
  return null;
}

/** Said of a row repeating an id (decided by whoever sees every row: parseInventory, or the import in SQL). */
export function duplicateReason(agentId: string, firstLine: number): string {
  return `duplicate agent_id ${agentId} (first on line ${firstLine})`;
}

/**
 * One record of the export as checked alone: its row, or why it is invalid. A duplicate id needs every row, so
 * it is not decided here: a record that `claims` its id makes any later record with that id a duplicate.
 */
export type CheckedRecord = {
  line: number;
  /** The agent_id cell, trimmed; null when empty. */
  agentId: string | null;
  row: InventoryRow | null;
  reason: string | null;
  claims: boolean;
};

/** Distinct app cells remembered at once: fleets repeat a few thousand; a hostile file cannot grow it. */
const MAX_CELLS = 50_000;

/**
 * The export read piece by piece (lib/csv/record-stream.ts): each `push` returns the records it completed,
 * checked. `fatal` is final after `end()`; when set, nothing read can be imported.
 */
export class InventoryReader {
  private csv = new CsvRecordStream();
  private columns: Map<string, number> | null = null;
  private width = 0;
  private headerFatal: { line: number; reason: string } | null = null;
  private sawHeader = false;
  private appsByCell = new Map<string, string[]>();

  get fatal(): { line: number; reason: string } | null {
    const csv = this.csv.fatal;
    if (csv) return csv;
    if (this.headerFatal) return this.headerFatal;
    return this.sawHeader ? null : { line: 1, reason: 'the file is empty: a header line is required' };
  }

  push(bytes: Uint8Array): CheckedRecord[] {
    return this.check(this.csv.push(bytes));
  }

  end(): CheckedRecord[] {
    return this.check(this.csv.end());
  }

  private check(records: StreamedRecord[]): CheckedRecord[] {
    const out: CheckedRecord[] = [];
    for (const { fields, line } of records) {
      if (!this.sawHeader) {
        this.sawHeader = true;
        this.width = fields.length;
        const columns = headerColumns(fields, line);
        if (columns instanceof Map) this.columns = columns;
        else this.headerFatal = columns;
        continue;
      }
      if (this.columns === null) return []; // a bad header: the file is refused; the CSV is still read for its errors
      out.push(this.checkRow(fields, line, this.columns));
    }
    return out;
  }

  private checkRow(record: string[], line: number, columns: Map<string, number>): CheckedRecord {
    const agentId = field(record, columns, 'agent_id') || null;
    const invalid = (reason: string, claims = false): CheckedRecord => ({ line, agentId, row: null, reason, claims });
    if (record.length !== this.width) return invalid(`expected ${this.width} fields, found ${record.length}`);
    if (agentId === null) return invalid('missing agent_id');
    if (agentId.length > MAX_ID) return invalid(`agent_id longer than ${MAX_ID} characters`);
    const ownerEmail = field(record, columns, 'owner_email');
    if (ownerEmail === '') return invalid('missing owner_email', true);
    if (!EMAIL.test(ownerEmail)) return invalid(`bad owner_email "${ownerEmail}"`, true);
    const row: InventoryRow = {
      line,
      agentId,
      agentName: field(record, columns, 'agent_name'),
      ownerEmail: ownerEmail.toLowerCase(),
      apps: this.appsOf(record[columns.get('connected_apps')!] ?? ''),
    };
    if (columns.has('status')) {
      const status = field(record, columns, 'status')
        .toLowerCase()
        .replace(/[\s-]+/g, '_');
      if (status !== '') {
        if (!(AGENT_STATUSES as readonly string[]).includes(status))
          return invalid(
            `unknown status "${field(record, columns, 'status')}" (expected ${AGENT_STATUSES.join(', ')})`,
            true,
          );
        row.status = status as AgentStatus;
      }
    }
    return { line, agentId, row, reason: null, claims: true };
  }

  /** Rows with the same app cell share one (never mutated) apps array. */
  private appsOf(cell: string): string[] {
    let apps = this.appsByCell.get(cell);
    if (apps === undefined) {
      if (this.appsByCell.size >= MAX_CELLS) this.appsByCell.clear();
      // A copy, not a slice of the piece the cell was read from: the map must not keep whole pieces alive.
      const own = JSON.parse(JSON.stringify(cell)) as string;
      apps = splitApps(own);
      this.appsByCell.set(own, apps);
    }
    return apps;
  }
}

function headerColumns(record: string[], line: number): Map<string, number> | { line: number; reason: string } {
  const columns = new Map(record.map((name, i) => [name.trim().toLowerCase(), i] as const));
  const missing = INVENTORY_COLUMNS.filter((c) => !columns.has(c));
  if (missing.length > 0) {
    return {
      line,
      reason:
        `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ` +
        `(the header must name ${INVENTORY_COLUMNS.join(', ')})`,
    };
  }
  return columns;
}

function field(record: string[], columns: Map<string, number>, name: string): string {
  return (record[columns.get(name)!] ?? '').trim();
}
