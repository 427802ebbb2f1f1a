// Download responses shared by route handlers: a CSV streamed from rows with formula-safe cells. (Stored evidence
// files are served by lib/attachments/download.ts.)
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { safeCsvCell } from './csv-safe.ts';

/** Rows streamed as CSV (backpressure respected; an error mid-way ends the download broken, not silently short). */
export function csvDownload(
  filename: string,
  columns: string[],
  rows: AsyncIterable<unknown[]>,
  headers: Record<string, string> = {},
): Response {
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
