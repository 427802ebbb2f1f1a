// Where an agent export comes from: its bytes (tests, small callers) or a file on disk — an upload spooled by its
// route (lib/logs/upload-temp.ts), or the CLI's argument. Read in pieces of a megabyte, as often as needed: the
// preview reads it twice (to store it, then to parse it), and never holds it whole (decision 0037).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

export type ImportSource = { content: Buffer } | { path: string };

const PIECE = 1 << 20;

export async function sizeOf(source: ImportSource): Promise<number> {
  return 'content' in source ? source.content.length : (await stat(source.path)).size;
}

export async function* piecesOf(source: ImportSource): AsyncGenerator<Buffer> {
  if ('content' in source) {
    for (let at = 0; at < source.content.length; at += PIECE) yield source.content.subarray(at, at + PIECE);
    return;
  }
  for await (const piece of createReadStream(source.path, { highWaterMark: PIECE })) yield piece as Buffer;
}
