// COPY … FROM STDIN as a writable sink for the fleet generator: rows are joined into chunks of ~1 MB and written with
// back-pressure, so memory stays bounded whatever the number of rows.
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyLine } from '@/lib/csv/copy-text.ts';

const CHUNK_BYTES = 1 << 20;

export type CopySink = {
  /** One row of fields (null = SQL NULL), in the COPY statement's column order. */
  row(fields: (string | number | boolean | null)[]): Promise<void>;
  /** One row already in COPY's text format (fields escaped with copyField, tab-separated, ending in a newline). */
  line(text: string): Promise<void>;
  /** Ends the COPY; resolves with the rows written once the server has them. */
  end(): Promise<number>;
};

export { arrayLiteral, copyField } from '@/lib/csv/copy-text.ts';

export function openCopy(client: pg.ClientBase, table: string, columns: readonly string[]): CopySink {
  const stream = client.query(copyFrom(`COPY "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`));
  let failure: Error | null = null;
  stream.on('error', (error: Error) => {
    failure = error;
  });
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', () => resolve());
    stream.on('error', reject);
  });
  done.catch(() => {}); // observed by end()
  let buffer: string[] = [];
  let bytes = 0;
  let rows = 0;
  const flush = async () => {
    if (failure) throw failure;
    if (buffer.length === 0) return;
    const text = buffer.join('');
    buffer = [];
    bytes = 0;
    if (!stream.write(text))
      await new Promise<void>((resolve, reject) => {
        const fail = (error: Error) => reject(error);
        stream.once('error', fail);
        stream.once('drain', () => {
          stream.off('error', fail);
          resolve();
        });
      });
  };
  const line = async (text: string) => {
    buffer.push(text);
    bytes += text.length;
    rows++;
    if (bytes >= CHUNK_BYTES) await flush();
  };
  return {
    row: (fields) => line(copyLine(fields)),
    line,
    async end() {
      await flush();
      stream.end();
      await done;
      return rows;
    },
  };
}
