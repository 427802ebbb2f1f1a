// Reads a Compliance Logs file (.jsonl, or gzip — detected by its magic bytes, not its name) as a stream of
// checked records in constant memory, whatever the file's size. Bad lines are quarantined with their line
// number and the rest of the file goes on; a corrupt gzip stops the file with an error naming it.
import { createInterface } from 'node:readline';
import { PassThrough, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parseLogLine, type LogEvent } from './event.ts';

export type ReadItem = { line: number; event: LogEvent; text: string } | { line: number; quarantined: string; text: string };

export class CorruptFileError extends Error {
  constructor(readonly file: string, readonly reason: string) {
    super(`${file}: ${reason}`);
  }
}

export async function* readLogFile(file: string, source: Readable | AsyncIterable<Buffer> | Iterable<Buffer>): AsyncGenerator<ReadItem> {
  const input = await decompressed(file, Readable.from(source));
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      if (text.trim() === '') continue;
      const parsed = parseLogLine(text);
      yield parsed.ok ? { line, event: parsed.event, text } : { line, quarantined: parsed.reason, text };
    }
  } catch (error) {
    if (error instanceof CorruptFileError) throw new CorruptFileError(file, `corrupt gzip after line ${line} (${error.reason})`);
    throw error;
  } finally {
    lines.close();
  }
}

/** The stream itself, or its gunzipped content when it starts with the gzip magic bytes. */
async function decompressed(file: string, source: Readable): Promise<Readable> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return Readable.from([]);
  const head = Buffer.isBuffer(first.value) ? first.value : Buffer.from(first.value as string);
  const rest = Readable.from((async function* () {
    yield head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value as Buffer;
  })());
  if (!(head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b)) return rest;
  const out = new PassThrough();
  const gunzip = createGunzip();
  gunzip.on('error', (error) => out.destroy(new CorruptFileError(file, error.message)));
  rest.on('error', (error) => out.destroy(error));
  return rest.pipe(gunzip).pipe(out);
}
