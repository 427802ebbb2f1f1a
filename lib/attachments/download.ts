// Serving a stored evidence file: only ever as a download, whatever its name or the type it was uploaded with.
import { AppError } from '@/lib/http/app-error.ts';

export type DownloadableFile = { content: Uint8Array | null; filename: string | null; sha256: string | null };

/** The file as an attachment (octet-stream, nosniff: never rendered); RFC 9530 Repr-Digest carries the stored
 *  SHA-256. No file, or one without content (a link), is a 404. */
export function attachmentDownload(file: DownloadableFile | null | undefined, fallbackName: string): Response {
  if (!file?.content) throw new AppError('not_found', 'No such file.');
  const name = file.filename || fallbackName;
  // The quoted name is printable ASCII without quote or backslash; filename* carries the real name, percent-encoded.
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return new Response(new Uint8Array(file.content), {
    headers: {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${extValue(name)}`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Length': String(file.content.length),
      'Cache-Control': 'private, no-store',
      ...(file.sha256 ? { 'Repr-Digest': `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:` } : {}),
    },
  });
}

/** RFC 8187 value: encodeURIComponent leaves ' ( ) * as they are, which the header's grammar does not allow. */
function extValue(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
