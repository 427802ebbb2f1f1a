// CSV records with the line each one starts on, for imports that must name the line of every bad row.
// papaparse does the parsing (RFC 4180 quoting; a quote inside an unquoted field is kept as text).
// UTF-8 only, no NUL; a BOM, CRLF and lone CR are tolerated; blank lines are skipped but still counted.
import Papa from 'papaparse';

export type CsvRecords = {
  records: string[][];
  /** lines[i] is the 1-based line records[i] starts on, as an editor counts lines. */
  lines: number[];
  /** A problem with the whole file: nothing in it can be trusted. */
  fatal: { line: number; reason: string } | null;
};

export function decodeUtf8(bytes: Buffer | string): { text: string } | { line: number; reason: string } {
  if (typeof bytes === 'string') return { text: bytes };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const lossy = bytes.toString('utf8');
    return {
      line: lineAt(lossy, lossy.indexOf('\uFFFD')),
      reason: 'not UTF-8 text (save the file as UTF-8 and upload it again)',
    };
  }
}

export function readCsvRecords(input: Buffer | string): CsvRecords {
  const decoded = decodeUtf8(input);
  if (!('text' in decoded)) return { records: [], lines: [], fatal: decoded };
  let text = decoded.text;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  // PostgreSQL text cannot hold NUL; a CSV export never has one (a binary or UTF-16 file does).
  const nul = text.indexOf('\u0000');
  if (nul !== -1)
    return {
      records: [],
      lines: [],
      fatal: {
        line: lineAt(text, nul),
        reason: 'contains a NUL character, which cannot be stored (save the file as UTF-8 text)',
      },
    };

  const parsed = Papa.parse<string[]>(text, { delimiter: ',', newline: '\n', quoteChar: '"', escapeChar: '"' });
  const records: string[][] = [];
  const lines: number[] = [];
  const lineOf: number[] = [];
  let next = 1;
  for (const record of parsed.data) {
    const line = next;
    lineOf.push(line);
    next += 1 + lineBreaksIn(record);
    if (record.length === 1 && record[0] === '') continue; // a blank line
    records.push(record);
    lines.push(line);
  }
  const error = parsed.errors[0];
  const fatal = error
    ? { line: lineOf[error.row ?? 0] ?? next, reason: `unparseable: ${describeCode(error.code)}` }
    : null;
  return { records, lines, fatal };
}

export function describeCode(code: Papa.ParseError['code']): string {
  if (code === 'MissingQuotes') return 'a quoted field opened here is never closed';
  if (code === 'InvalidQuotes')
    return 'a quoted field is followed by text before the next comma (write "" for a quote inside quotes)';
  return code;
}

/** Line breaks inside a record's quoted fields: each one moves the next record down a line. */
export function lineBreaksIn(record: string[]): number {
  let n = 0;
  for (const value of record) for (let i = value.indexOf('\n'); i !== -1; i = value.indexOf('\n', i + 1)) n++;
  return n;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
