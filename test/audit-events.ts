// Audit events written in bulk for tests that need many (a pack's audit-log extract, its pages): one COPY, where
// Prisma's createMany takes about 20 s for 60,000 rows. The rows are chained and hashed by the caller, as
// recordAudit chains them.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { AuditContent } from '@/lib/audit/chain.ts';
import { copyLine } from '@/lib/csv/copy-text.ts';
import { auditLogSet } from '@/lib/evidence/sets/audit-log.ts';

export type AuditRow = AuditContent & { hash: string };

/** AuditEvent's columns, in the order the evidence pack's audit-log extract lists them (every stored column). */
const COLUMNS = auditLogSet.columns;

/** A column's COPY text: times as ISO, the diff as JSON, the rest as they are. */
function cell(row: AuditRow, column: string): string | null {
  const value = row[column as keyof AuditRow];
  if (value instanceof Date) return value.toISOString();
  if (column === 'diff') return JSON.stringify(value);
  return value === null || value === undefined ? null : String(value);
}

export async function copyAuditEvents(url: string, rows: readonly AuditRow[]): Promise<void> {
  const lines = rows.map((r) => copyLine(COLUMNS.map((c) => cell(r, c))));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = COLUMNS.map((c) => `"${c}"`).join(', ');
    await pipeline(Readable.from(lines), client.query(copyFrom(`COPY "AuditEvent" (${columns}) FROM STDIN`)));
  } finally {
    await client.end();
  }
}
