// CSV of what the table shows: the visible columns of the rows in view. Every cell goes through the
// formula guard first, then RFC 4180 quoting. Pure, so the browser and tests call the same code.
import { safeCsvCell } from '@/lib/http/csv-safe.ts';

export type CsvCell = string | number | boolean | null | undefined;

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(headers: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const line = (cells: readonly CsvCell[]) => cells.map((c) => quote(safeCsvCell(c))).join(',');
  return `${[line(headers), ...rows.map(line)].join('\r\n')}\r\n`;
}
