// Parser for the Global Admin Console agent export (guide 6.4 step 1):
// agent_id,agent_name,owner_email,connected_apps — header required, any column order, extra columns ignored
// (except an optional `status`: draft, pending_review, published, suspended or deleted).
// Apps are separated by `;` (as the guide writes them), `|`, or `,` inside a quoted field.
// UTF-8 only; a BOM and CRLF are tolerated (lib/csv/records.ts). Every bad row is reported with the line it starts on;
// nothing is dropped silently.
import { readCsvRecords } from '@/lib/csv/records.ts';

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

export async function parseInventory(
  input: Buffer | string | AsyncIterable<Buffer | string>,
): Promise<ParsedInventory> {
  const whole = typeof input === 'string' || Buffer.isBuffer(input) ? input : await collect(input);
  const { records, lines, fatal } = readCsvRecords(whole);
  const result: ParsedInventory = { rows: [], errors: [], fatal };
  if (fatal) return result;
  const header = records[0];
  if (header === undefined)
    return { ...result, fatal: { line: 1, reason: 'the file is empty: a header line is required' } };
  const columns = headerColumns(header, lines[0]!, result);
  if (columns === null) return result;
  const firstLine = new Map<string, number>();
  // Fleets repeat the same app cells: rows with the same cell share one (never mutated) apps array.
  const appsByCell = new Map<string, string[]>();
  for (let i = 1; i < records.length; i++) {
    const record = records[i]!;
    const line = lines[i]!;
    const row = checkRow(record, header.length, line, columns, firstLine, appsByCell);
    if (typeof row === 'string')
      result.errors.push({ line, agentId: field(record, columns, 'agent_id') || null, reason: row });
    else result.rows.push(row);
  }
  return result;
}

async function collect(chunks: AsyncIterable<Buffer | string>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(parts);
}

function headerColumns(record: string[], line: number, result: ParsedInventory): Map<string, number> | null {
  const columns = new Map(record.map((name, i) => [name.trim().toLowerCase(), i] as const));
  const missing = INVENTORY_COLUMNS.filter((c) => !columns.has(c));
  if (missing.length > 0) {
    result.fatal = {
      line,
      reason:
        `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ` +
        `(the header must name ${INVENTORY_COLUMNS.join(', ')})`,
    };
    return null;
  }
  return columns;
}

function field(record: string[], columns: Map<string, number>, name: string): string {
  return (record[columns.get(name)!] ?? '').trim();
}

function checkRow(
  record: string[],
  width: number,
  line: number,
  columns: Map<string, number>,
  firstLine: Map<string, number>,
  appsByCell: Map<string, string[]>,
): InventoryRow | string {
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
  const row: InventoryRow = {
    line,
    agentId,
    agentName: field(record, columns, 'agent_name'),
    ownerEmail: ownerEmail.toLowerCase(),
    apps: appsOf(record[columns.get('connected_apps')!] ?? '', appsByCell),
  };
  if (columns.has('status')) {
    const status = field(record, columns, 'status')
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
    if (status !== '') {
      if (!(AGENT_STATUSES as readonly string[]).includes(status))
        return `unknown status "${field(record, columns, 'status')}" (expected ${AGENT_STATUSES.join(', ')})`;
      row.status = status as AgentStatus;
    }
  }
  return row;
}

function appsOf(cell: string, appsByCell: Map<string, string[]>): string[] {
  let apps = appsByCell.get(cell);
  if (apps === undefined) {
    apps = splitApps(cell);
    appsByCell.set(cell, apps);
  }
  return apps;
}
