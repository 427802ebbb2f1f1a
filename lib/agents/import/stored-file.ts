// The uploaded file, kept with its import as evidence (the import never reads it back): COPYed in pieces into a
// temporary table of the preview's transaction, hashed on the way, and joined into InventoryImport.content by the
// server, so the process holds one piece at a time, never the file nor an encoded copy of it (decision 0037).
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { copyIn } from './stage.ts';

/** COPY's binary format: signature, flags, header extension length; each tuple's field count; the trailer. */
const HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
const TRAILER = Buffer.from([0xff, 0xff]);

/** The file's pieces into `import_file` (seq, bytes); returns its SHA-256 and size. */
export async function copyFilePieces(
  client: pg.Client,
  pieces: AsyncIterable<Uint8Array>,
): Promise<{ sha256: string; size: number }> {
  await client.query('CREATE TEMP TABLE import_file (seq int NOT NULL, bytes bytea NOT NULL) ON COMMIT DROP');
  const hash = createHash('sha256');
  let size = 0;
  async function* tuples() {
    yield HEADER;
    let seq = 0;
    for await (const piece of pieces) {
      hash.update(piece);
      size += piece.length;
      const head = Buffer.alloc(14);
      head.writeInt16BE(2, 0);
      head.writeInt32BE(4, 2);
      head.writeInt32BE(seq++, 6);
      head.writeInt32BE(piece.length, 10);
      yield head;
      yield piece;
    }
    yield TRAILER;
  }
  await copyIn(client, 'COPY import_file FROM STDIN (FORMAT binary)', tuples());
  return { sha256: hash.digest('hex'), size };
}

/** The stored file as one bytea, assembled by the server (an empty file is empty bytes). */
export const FILE_CONTENT_SQL =
  "(SELECT coalesce(string_agg(bytes, ''::bytea ORDER BY seq), ''::bytea) FROM import_file)";
