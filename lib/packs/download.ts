// A pack as a download: JSONC text, never rendered (attachment, nosniff).
import 'server-only';

export function packDownload(text: string, filename: string): Response {
  return new Response(text, {
    headers: {
      'Content-Type': 'application/jsonc; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
  });
}

export function stamp(now: Date): string {
  return now.toISOString().slice(0, 10);
}
