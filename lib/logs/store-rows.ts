// A checked Compliance Logs line as the store keeps it until its batch is written: its event's COPY line, its
// content, and the few fields the batch needs. Made as soon as the line is read, so the parsed record dies young:
// a batch of parsed records outlives several young-generation collections, and promoting them cost the ingester
// more time in garbage collection than anything else it did (bench/RESULTS.md §3). Pure.
import { copyField } from '@/lib/csv/copy-text.ts';
import { type ContentField, splitContent } from './content.ts';
import { actorEmailOf, agentIdOf, type LogEvent } from './event.ts';

export type StoreRow = {
  principalId: string;
  eventId: string;
  type: string;
  eventType: string | null;
  timestamp: string;
  agentId: string | null;
  actorEmail: string | null;
  /** The record as stored: the line itself, or its metadata when content was split off. */
  record: string;
  line: number;
  /** Personal data split off the record (lib/logs/content.ts), stored in LogContent. */
  content: ContentField[];
};

export const COLUMNS =
  '"principalId", "eventId", type, "eventType", at, "agentId", "actorEmail", record, "fileId", line';

export const keyOf = (e: { principalId: string; eventId: string }) => `${e.principalId}\u0000${e.eventId}`;

/**
 * The row of a checked event, or why its content could not be split (the line is then quarantined). It holds the
 * line once: its COPY text is made only for the events a batch claims (copyText), just before it is sent.
 */
export function rowOf(event: LogEvent, text: string, line: number): StoreRow | { reason: string } {
  let split: ReturnType<typeof splitContent>;
  try {
    split = splitContent(event.record);
  } catch (error) {
    return { reason: `could not be read (${(error as Error).message})` };
  }
  return {
    principalId: event.principalId,
    eventId: event.eventId,
    type: event.type,
    eventType: event.eventType,
    timestamp: event.timestamp,
    agentId: agentIdOf(event.record),
    actorEmail: actorEmailOf(event.record),
    record: split.content.length ? JSON.stringify(split.metadata) : text,
    line,
    content: split.content,
  };
}

/**
 * copyField, with the usual case (nothing to escape) found by four indexOf scans: several times faster than its
 * regular expression over a record's hundreds of characters (bench/RESULTS.md §3).
 */
function field(value: string | null): string {
  if (value === null) return '\\N';
  if (
    value.indexOf('\\') === -1 &&
    value.indexOf('\t') === -1 &&
    value.indexOf('\n') === -1 &&
    value.indexOf('\r') === -1
  )
    return value;
  return copyField(value);
}

/** One row as a line of COPY's text format, in COLUMNS' order (`file` already a COPY field). */
function copyLineOf(r: StoreRow, file: string): string {
  return (
    `${field(r.principalId)}\t${field(r.eventId)}\t${field(r.type)}\t${field(r.eventType)}\t` +
    `${r.timestamp}\t${field(r.agentId)}\t${field(r.actorEmail)}\t${field(r.record)}\t${file}\t${r.line}\n`
  );
}

/** The rows as COPY's text format, in COLUMNS' order: one string for the whole batch. */
export function copyText(rows: StoreRow[], fileId: string): string {
  const file = copyField(fileId);
  let text = '';
  for (const r of rows) text += copyLineOf(r, file);
  return text;
}

/**
 * The same bytes as `Buffer.from(copyText(rows, fileId))`, each line encoded straight into one buffer: a batch's
 * text as one string is a rope of tens of thousands of pieces, and flattening it to encode it cost the ingester
 * more than building it (bench/RESULTS.md §3).
 */
export function copyChunk(rows: StoreRow[], fileId: string): Buffer {
  const file = copyField(fileId);
  let buffer = Buffer.allocUnsafe(rows.length * 1024);
  let at = 0;
  for (const r of rows) {
    const line = copyLineOf(r, file);
    const most = line.length * 3; // UTF-8 takes at most 3 bytes per UTF-16 unit
    if (at + most > buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(buffer.length * 2, at + most));
      buffer.copy(grown, 0, 0, at);
      buffer = grown;
    }
    at += buffer.write(line, at);
  }
  return buffer.subarray(0, at);
}

/**
 * PostgreSQL's text form of a text[] (NULL for null), for an `unnest` parameter: the same value `pg` would send,
 * without its two regular-expression replacements per element. A run of equal values (a batch's principal) is
 * quoted once.
 */
export function textArray(values: readonly (string | null)[]): string {
  const parts = new Array<string>(values.length);
  let last: string | null = null;
  let quoted = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === null) {
      parts[i] = 'NULL';
      continue;
    }
    if (v !== last) {
      last = v;
      quoted = NEEDS_QUOTE_ESCAPE.test(v) ? `"${v.replace(/["\\]/g, '\\$&')}"` : `"${v}"`;
    }
    parts[i] = quoted;
  }
  return `{${parts.join(',')}}`;
}
const NEEDS_QUOTE_ESCAPE = /["\\]/;
