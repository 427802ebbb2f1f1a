// GPT files an admin saved from the Compliance API (air-gapped installs: `tollgate gpts import FILE…`, the Sources
// upload). Accepted: a list page as curl saves it (`{data, has_more, last_id}`), a JSON array of GPT objects, one
// GPT object, or JSONL — one page, array or object per line. A GPT object may carry its versions and shared users
// under `configs` and `shared_users` (Tollgate's convention for files; the routes have no other way to join them).
// JSONL is streamed a line at a time with the line length capped, so memory stays bounded whatever the file's
// size; a file that is one JSON document (pretty-printed) is read whole, up to a cap. Problems name the line (or
// item) and the field; one bad object never stops the others.
import { createReadStream } from 'node:fs';
import type { ZodType } from 'zod';
import { findJsonProblem } from '@/lib/http/safe-json.ts';
import type { RawGptBundle } from '@/lib/gpts/adapter.ts';
import { rawConfig, rawGpt, rawSharedUser } from './platform/definition.ts';
import { checkRaw, type ObjectProblem } from './platform/parse.ts';

export const MAX_LINE_BYTES = 16 * 1024 * 1024;
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;
export type OfflineLimits = { maxLineBytes?: number; maxDocumentBytes?: number };
export type OfflineItem = { ok: true; bundle: RawGptBundle; where: string } | { ok: false; problem: ObjectProblem };

export function readGptFile(file: string, limits: OfflineLimits = {}): AsyncGenerator<OfflineItem> {
  return readGptObjects(createReadStream(file), limits);
}

export async function* readGptObjects(
  input: AsyncIterable<Uint8Array | string>,
  limits: OfflineLimits = {},
): AsyncGenerator<OfflineItem> {
  const maxLine = limits.maxLineBytes ?? MAX_LINE_BYTES;
  const maxDocument = limits.maxDocumentBytes ?? MAX_DOCUMENT_BYTES;
  let mode: 'undecided' | 'jsonl' | 'document' = 'undecided';
  const document: { number: number; text: string }[] = [];
  let documentBytes = 0;
  for await (const line of lines(input, maxLine)) {
    if (line.text === null) {
      if (mode === 'document')
        return yield problem('(file)', '(file)', `line ${line.number} is longer than ${maxLine} bytes`);
      yield problem(`line ${line.number}`, '(line)', `longer than ${maxLine} bytes`);
      continue;
    }
    const text = line.number === 1 ? line.text.replace(/^\uFEFF/, '') : line.text;
    if (mode === 'document') {
      documentBytes += line.bytes + 1;
      if (documentBytes > maxDocument)
        return yield problem('(file)', '(file)', `a JSON document larger than ${maxDocument} bytes`);
      document.push({ number: line.number, text });
      continue;
    }
    if (text.trim() === '') continue;
    if (mode === 'undecided' && parsed(text) === undefined) {
      // The first line alone is not JSON: one document spread over lines (pretty-printed), or broken JSONL.
      mode = 'document';
      document.push({ number: line.number, text });
      documentBytes = line.bytes + 1;
      continue;
    }
    mode = 'jsonl';
    yield* jsonlLine(line.number, text);
  }
  if (mode !== 'document') return;
  let value: unknown;
  try {
    value = JSON.parse(document.map((l) => l.text).join('\n'));
  } catch (error) {
    // Not one document. JSONL whose first line is broken (other lines are GPTs or pages on their own) is read as
    // JSONL, so that one bad line does not cost the others.
    if (document.slice(1).some((l) => isObjectLine(l.text))) {
      for (const l of document) yield* jsonlLine(l.number, l.text);
      return;
    }
    return yield problem('(file)', '(file)', `not JSON nor JSONL (${firstLine(error)})`);
  }
  yield* objectsOf(value, '');
}

function* jsonlLine(number: number, text: string): Generator<OfflineItem> {
  if (text.trim() === '') return;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return yield problem(`line ${number}`, '(line)', `not JSON (${firstLine(error)})`);
  }
  yield* objectsOf(value, `line ${number}`);
}

/** The line's JSON value, or undefined when it is not JSON on its own. */
function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A GPT object or a list page on one line (a pretty-printed document has no such line). */
function isObjectLine(text: string): boolean {
  const value = parsed(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value) && ('id' in value || 'data' in value);
}

function firstLine(error: unknown): string {
  return (error as Error).message.split('\n')[0]!;
}

/** A page's `data`, an array's items, or one object; each checked on its own. */
function* objectsOf(value: unknown, where: string): Generator<OfflineItem> {
  const at = (i: number) => (where ? `${where}, item ${i + 1}` : `item ${i + 1}`);
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield checkBundle(item, at(i));
    return;
  }
  const page = value as { data?: unknown; id?: unknown } | null;
  if (page && typeof page === 'object' && Array.isArray(page.data) && page.id === undefined) {
    const envelope = findJsonProblem({ ...page, data: [] });
    if (envelope) return yield problem(where || '(file)', envelope.path.join('.'), envelope.reason);
    for (const [i, item] of page.data.entries()) yield checkBundle(item, at(i));
    return;
  }
  yield checkBundle(value, where || 'the object');
}

function checkBundle(value: unknown, where: string): OfflineItem {
  let gptValue = value;
  let configs: unknown;
  let shared: unknown;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    // Object rest defines own properties only: a "__proto__" key stays a key, and the guard in checkRaw sees it.
    const { configs: c, shared_users: u, ...rest } = value as Record<string, unknown>;
    [gptValue, configs, shared] = [rest, c, u];
  }
  const gpt = checkRaw(rawGpt, gptValue, where);
  if (!gpt.ok) return { ok: false, problem: gpt.problem };
  const versions = checkList(gpt.value.id, configs, rawConfig, 'configs');
  if (versions && !Array.isArray(versions)) return { ok: false, problem: versions };
  const users = checkList(gpt.value.id, shared, rawSharedUser, 'shared_users');
  if (users && !Array.isArray(users)) return { ok: false, problem: users };
  return { ok: true, bundle: { gpt: gpt.value, configs: versions, sharedUsers: users }, where };
}

/** Embedded versions or shared users: null when absent, the first bad one as a problem named under its GPT. */
function checkList<T>(gptId: string, items: unknown, schema: ZodType<T>, name: string): T[] | null | ObjectProblem {
  if (items === undefined || items === null) return null;
  if (!Array.isArray(items)) return { id: gptId, field: name, message: 'not a list' };
  const out: T[] = [];
  for (const [i, item] of items.entries()) {
    const checked = checkRaw(schema, item, `${name}[${i}]`);
    if (!checked.ok) return { ...checked.problem, id: `${gptId}/${checked.problem.id}` };
    out.push(checked.value);
  }
  return out;
}

function problem(id: string, field: string, message: string): OfflineItem {
  return { ok: false, problem: { id, field, message } };
}

/** Lines of a byte stream (LF or CRLF), numbered from 1; a line over `max` bytes is yielded as text null and
 *  skipped without being held. */
async function* lines(
  input: AsyncIterable<Uint8Array | string>,
  max: number,
): AsyncGenerator<{ number: number; text: string | null; bytes: number }> {
  let parts: Buffer[] = [];
  let size = 0;
  let skipping = false;
  let number = 1;
  for await (const chunk of input) {
    const buffer =
      typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (let start = 0; ; ) {
      const newline = buffer.indexOf(10, start);
      const piece = buffer.subarray(start, newline === -1 ? buffer.length : newline);
      if (!skipping && size + piece.length > max) {
        skipping = true;
        parts = [];
        yield { number, text: null, bytes: 0 };
      } else if (!skipping && piece.length > 0) {
        parts.push(Buffer.from(piece)); // a copy: the stream's chunk is not held beyond this line
        size += piece.length;
      }
      if (newline === -1) break;
      if (!skipping) yield { number, text: Buffer.concat(parts).toString('utf8').replace(/\r$/, ''), bytes: size };
      parts = [];
      size = 0;
      skipping = false;
      number++;
      start = newline + 1;
    }
  }
  if (!skipping && size > 0)
    yield { number, text: Buffer.concat(parts).toString('utf8').replace(/\r$/, ''), bytes: size };
}
