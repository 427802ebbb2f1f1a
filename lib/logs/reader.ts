// Reads a Compliance Logs file (.jsonl, or gzip — detected by its magic bytes, not its name) as a stream of
// checked records in bounded memory, whatever the file holds. Bad lines — not JSON, too deep, longer than the
// line limit — are quarantined with their line number and the rest of the file goes on; a corrupt gzip, or
// one that expands beyond the limits (a decompression bomb), stops the file with an error naming it.
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parseLogLine, type LogEvent } from './event.ts';

export type ReadItem =
  | { line: number; event: LogEvent; text: string }
  | { line: number; quarantined: string; text: string };

export type ReadLimits = {
  /** A longer line is quarantined unread: only this much of a line is ever held in memory. */
  maxLineBytes: number;
  /** A gzip that expands beyond this stops the file. */
  maxDecompressedBytes: number;
  /** A gzip that expands more than this many times its size stops the file… */
  maxRatio: number;
  /** …once it has expanded beyond this (small files may compress very well). */
  ratioAfterBytes: number;
};

const MB = 1024 * 1024;
export const READ_LIMITS: ReadLimits = {
  maxLineBytes: 8 * MB,
  maxDecompressedBytes: 32 * 1024 * MB,
  maxRatio: 200,
  ratioAfterBytes: 64 * MB,
};

/** How much of a refused line is kept as its excerpt. */
const EXCERPT_BYTES = 500;

export class CorruptFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

/** Inside the reader: the gzip stream failed, or expanded too far; the line is added when it reaches the caller. */
class GzipError extends Error {
  constructor(
    readonly reason: string,
    readonly bomb = false,
  ) {
    super(reason);
  }
}

export async function* readLogFile(
  file: string,
  source: Readable | AsyncIterable<Buffer> | Iterable<Buffer>,
  limits: ReadLimits = READ_LIMITS,
): AsyncGenerator<ReadItem> {
  let line = 0;
  try {
    for await (const item of linesOf(decompressed(source, limits), limits.maxLineBytes)) {
      line++;
      if ('tooLong' in item) {
        yield {
          line,
          quarantined:
            `longer than the limit of ${formatBytes(limits.maxLineBytes)} per line ` +
            `(${item.tooLong} bytes): not read`,
          text: item.head,
        };
        continue;
      }
      if (item.text.trim() === '') continue;
      const parsed = parseLogLine(item.text);
      yield parsed.ok
        ? { line, event: parsed.event, text: item.text }
        : { line, quarantined: parsed.reason, text: item.text };
    }
  } catch (error) {
    if (error instanceof GzipError) {
      throw new CorruptFileError(
        file,
        error.bomb
          ? `${error.reason}; stopped after line ${line}`
          : `corrupt gzip after line ${line} (${error.reason})`,
      );
    }
    throw error;
  }
}

type RawLine = { text: string } | { tooLong: number; head: string };

/**
 * Lines ended by \n, \r\n or a lone \r (as readline reads them), decoded as UTF-8. A line longer than
 * `maxLineBytes` is dropped as it streams by: only its length and first bytes are kept.
 */
export async function* linesOf(chunks: AsyncIterable<Buffer>, maxLineBytes: number): AsyncGenerator<RawLine> {
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let head = Buffer.alloc(0);
  let afterCr = false;
  const add = (part: Buffer) => {
    if (part.length === 0) return;
    if (!tooLong && size + part.length > maxLineBytes) {
      tooLong = true;
      head = Buffer.concat([...parts, part.subarray(0, EXCERPT_BYTES)]).subarray(0, EXCERPT_BYTES);
      parts = [];
    }
    size += part.length;
    if (!tooLong) parts.push(part);
  };
  const end = (): RawLine => {
    const raw: RawLine = tooLong
      ? { tooLong: size, head: head.toString('utf8') }
      : { text: parts.length === 1 ? parts[0]!.toString('utf8') : Buffer.concat(parts).toString('utf8') };
    parts = [];
    size = 0;
    tooLong = false;
    return raw;
  };
  for await (const chunk of chunks) {
    let pos = 0;
    // Where the next \n and \r are in this chunk (-1: none left); looked up again only once passed.
    let lf = -2;
    let cr = -2;
    if (afterCr && chunk.length > 0) {
      afterCr = false;
      if (chunk[0] === 0x0a) pos = 1;
    }
    while (pos < chunk.length) {
      if (lf !== -1 && lf < pos) lf = chunk.indexOf(0x0a, pos);
      if (cr !== -1 && cr < pos) cr = chunk.indexOf(0x0d, pos);
      const stop = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (stop === -1) {
        add(chunk.subarray(pos));
        break;
      }
      add(chunk.subarray(pos, stop));
      yield end();
      pos = stop + 1;
      if (chunk[stop] === 0x0d) {
        if (pos < chunk.length) {
          if (chunk[pos] === 0x0a) pos++;
        } else afterCr = true;
      }
    }
  }
  if (size > 0) yield end();
}

/** The bytes themselves, or their gunzipped content when they start with the gzip magic bytes, within the limits. */
async function* decompressed(
  source: Readable | AsyncIterable<Buffer> | Iterable<Buffer>,
  limits: ReadLimits,
): AsyncGenerator<Buffer> {
  const input = Readable.from(source as AsyncIterable<Buffer>, { objectMode: false });
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  try {
    const first = await iterator.next();
    if (first.done) return;
    const head = asBuffer(first.value);
    const rest = async function* () {
      yield head;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield asBuffer(next.value);
    };
    if (!(head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b)) {
      yield* rest();
      return;
    }
    let compressed = 0;
    let sourceError: unknown = null;
    const counted = Readable.from(
      (async function* () {
        for await (const chunk of rest()) {
          compressed += chunk.length;
          yield chunk;
        }
      })(),
    );
    const gunzip = createGunzip();
    counted.on('error', (error) => {
      sourceError = error;
      gunzip.destroy(error);
    });
    counted.pipe(gunzip);
    let expanded = 0;
    try {
      for await (const chunk of gunzip as AsyncIterable<Buffer>) {
        expanded += chunk.length;
        if (expanded > limits.maxDecompressedBytes)
          throw new GzipError(`expands to more than ${formatBytes(limits.maxDecompressedBytes)}, the limit`, true);
        if (expanded > limits.ratioAfterBytes && expanded > limits.maxRatio * compressed) {
          throw new GzipError(
            `expands to more than ${limits.maxRatio} times its compressed size (a decompression bomb?)`,
            true,
          );
        }
        yield chunk;
      }
    } catch (error) {
      if (error instanceof GzipError || (sourceError !== null && error === sourceError)) throw error;
      throw new GzipError((error as Error).message);
    } finally {
      counted.destroy();
      gunzip.destroy();
    }
  } finally {
    input.destroy(); // closes the file even when the reader stops early
  }
}

function asBuffer(value: Buffer | string): Buffer {
  return Buffer.isBuffer(value) ? value : Buffer.from(value);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * MB) return `${Math.round(bytes / 1024 / MB)} GB`;
  return bytes >= MB ? `${Math.round(bytes / MB)} MB` : `${Math.round(bytes / 1024)} KB`;
}
