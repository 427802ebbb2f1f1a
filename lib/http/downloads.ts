// Download responses shared by route handlers: a stored evidence file (served only as an attachment, with
// its SHA-256), and a CSV streamed from rows with formula-safe cells.
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { safeCsvCell } from './csv-safe.ts';

/** A stored file as an attachment, never rendered; RFC 9530 Repr-Digest carries the stored SHA-256. */
export function fileDownload(file: { content: Uint8Array; filename: string | null; sha256: string | null }, fallbackName: string): Response {
  const name = file.filename ?? fallbackName;
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return new Response(new Uint8Array(file.content), {
    headers: {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Length': String(file.content.length),
      'Cache-Control': 'private, no-store',
      ...(file.sha256 ? { 'Repr-Digest': `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:` } : {}),
    },
  });
}

/** Rows streamed as CSV (backpressure respected; an error mid-way ends the download broken, not silently short). */
export function csvDownload(filename: string, columns: string[], rows: AsyncIterable<unknown[]>, headers: Record<string, string> = {}): Response {
  const csv = stringify({ header: true, columns });
  void (async () => {
    for await (const row of rows) {
      if (!csv.write(row.map(safeCsvCell))) await new Promise((resolve) => csv.once('drain', resolve));
    }
    csv.end();
  })().catch((error) => csv.destroy(error as Error));
  return new Response(Readable.toWeb(csv) as ReadableStream, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      ...headers,
    },
  });
}

/** A timestamp for download file names: 2026-11-23-12-00-00. */
export function fileStamp(now = new Date()): string {
  return now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
}
