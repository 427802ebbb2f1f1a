// CSV records read piece by piece (bounded memory), giving exactly what readCsvRecords (records.ts) gives for the
// whole file: the same records, the same lines, the same fatal error. Only complete lines go to papaparse's parser,
// so every decision it makes (a closing quote, a field end) sees the same text as in one whole-file parse; what
// follows the last line end waits for the next piece. Priorities as in readCsvRecords: a UTF-8 error anywhere wins,
// then a NUL anywhere, then the first parse error — so after a parse error the rest is still decoded and scanned.
// A record is bounded (MAX_RECORD_CHARS): an unclosed quote cannot make the reader hold the rest of the file.
import { isUtf8 } from 'node:buffer';
import Papa from 'papaparse';
import { describeCode, lineBreaksIn } from './records.ts';

export const MAX_RECORD_CHARS = 8 * 1024 * 1024;

export type StreamedRecord = { fields: string[]; line: number };
type Fatal = { line: number; reason: string };

const CONFIG = { delimiter: ',', newline: '\n' as const, quoteChar: '"', escapeChar: '"' };
const BOM = 0xfeff;

export class CsvRecordStream {
  private carry: Buffer = Buffer.alloc(0);
  private rawLines = 0;
  private firstReplacement: number | null = null;
  private utf8: Fatal | null = null;
  private boms = 3;
  private crPending = false;
  private normLines = 0;
  private nul: number | null = null;
  private parseError: Fatal | null = null;
  private partial = '';
  private next = 1;

  /** The file's fatal error so far; final once `end()` has been called. */
  get fatal(): Fatal | null {
    if (this.utf8) return this.utf8;
    if (this.nul !== null)
      return {
        line: this.nul,
        reason: 'contains a NUL character, which cannot be stored (save the file as UTF-8 text)',
      };
    return this.parseError;
  }

  /** The records completed by this piece (none once the file is known to be unreadable). */
  push(bytes: Uint8Array): StreamedRecord[] {
    if (this.utf8) return [];
    const all = this.carry.length
      ? Buffer.concat([this.carry, bytes])
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const cut = completeLength(all);
    this.carry = Buffer.from(all.subarray(cut));
    return this.decoded(all.subarray(0, cut));
  }

  end(): StreamedRecord[] {
    if (this.utf8) return [];
    // A multi-byte character cut off by the end of the file.
    if (this.carry.length) return this.decoded(this.carry, true);
    const records = this.text(this.crPending ? '\n' : '', true);
    this.crPending = false;
    return records;
  }

  private decoded(bytes: Buffer, last = false): StreamedRecord[] {
    if (!isUtf8(bytes) || last) {
      const lossy = bytes.toString('utf8');
      const at = lossy.indexOf('\uFFFD');
      const line = this.rawLines + countBreaks(lossy, at) + 1;
      this.utf8 = {
        line: Math.min(line, this.firstReplacement ?? line),
        reason: 'not UTF-8 text (save the file as UTF-8 and upload it again)',
      };
      return [];
    }
    let text = bytes.toString('utf8');
    if (this.firstReplacement === null) {
      const at = text.indexOf('\uFFFD');
      if (at !== -1) this.firstReplacement = this.rawLines + countBreaks(text, at) + 1;
    }
    this.rawLines += countBreaks(text, text.length);
    // TextDecoder drops one BOM, readCsvRecords a second, Papa.parse a third: at most three, before anything else.
    while (this.boms > 0 && text.length > 0) {
      if (text.charCodeAt(0) !== BOM) this.boms = 0;
      else {
        text = text.slice(1);
        this.boms--;
      }
    }
    return this.text(text, false);
  }

  private text(raw: string, last: boolean): StreamedRecord[] {
    let text = this.crPending ? `\r${raw}` : raw;
    this.crPending = !last && text.endsWith('\r');
    if (this.crPending) text = text.slice(0, -1);
    if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
    if (this.nul === null) {
      const at = text.indexOf('\u0000');
      if (at !== -1) this.nul = this.normLines + countBreaks(text, at) + 1;
    }
    this.normLines += countBreaks(text, text.length);
    if (this.nul !== null || this.parseError) return [];
    this.partial += text;
    if (last) {
      const input = this.partial;
      this.partial = '';
      return this.parse(input, false);
    }
    const end = this.partial.lastIndexOf('\n') + 1;
    let records: StreamedRecord[] = [];
    if (end > 0) {
      const input = this.partial.slice(0, end);
      const rest = this.partial.slice(end);
      this.partial = '';
      records = this.parse(input, true);
      this.partial += rest;
    }
    if (this.partial.length > MAX_RECORD_CHARS && !this.parseError) {
      this.parseError = {
        line: this.next,
        reason:
          `unparseable: a record longer than ${MAX_RECORD_CHARS / 1024 / 1024} MB starts here ` +
          '(is a quote never closed?)',
      };
      this.partial = '';
      return [];
    }
    return records;
  }

  /** Parses complete lines (or, last, the rest); keeps an unfinished record (a quoted line end) for the next piece. */
  private parse(input: string, ignoreLastRow: boolean): StreamedRecord[] {
    const result = new Papa.Parser(CONFIG).parse(input, 0, ignoreLastRow) as {
      data: string[][];
      errors: Papa.ParseError[];
      meta: { cursor: number };
    };
    if (ignoreLastRow) this.partial = input.slice(result.meta.cursor);
    const records: StreamedRecord[] = [];
    const lineOf: number[] = [];
    for (const fields of result.data) {
      const line = this.next;
      lineOf.push(line);
      this.next += 1 + lineBreaksIn(fields);
      if (fields.length === 1 && fields[0] === '') continue; // a blank line
      records.push({ fields, line });
    }
    const error = result.errors[0];
    if (error) {
      this.parseError = {
        line: lineOf[error.row ?? 0] ?? this.next,
        reason: `unparseable: ${describeCode(error.code)}`,
      };
      this.partial = '';
      return [];
    }
    return records;
  }
}

/** Bytes up to the last complete UTF-8 character: a character cut at the end of a piece waits for the next. */
function completeLength(bytes: Buffer): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back]!;
    if (b < 0x80) return n; // ASCII: nothing cut
    if (b >= 0xc0) {
      const size = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return size > back ? n - back : n;
    }
  }
  return n;
}

function countBreaks(text: string, before: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < before; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
