// Route handlers map AppError to a status and a JSON body (or the route's own format).
import 'server-only';
import { logger } from '@/lib/log.ts';
import { AppError } from './app-error.ts';
import { isSameOrigin } from './same-origin.ts';

export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    return Response.json({ error: { code: error.code, message: error.message } }, { status: error.status });
  }
  const errorId = crypto.randomUUID();
  logger.error({ err: error, errorId }, 'route handler failed');
  return Response.json(
    { error: { code: 'internal', message: `Something went wrong (error id ${errorId}).` } },
    { status: 500 },
  );
}

/** Mutating route handlers check Origin themselves (server actions are checked in proxy.ts). `Origin: null` or
 *  a malformed Origin is a 403 like any other cross-site request, never a 500. */
export function assertSameOrigin(request: Request): void {
  if (!isSameOrigin(request.headers)) throw new AppError('forbidden', 'Cross-site request refused.');
}

/** Reads a request body up to `limit` bytes; a larger body is refused with 413 before it is all read, and a body
 *  shorter or longer than its Content-Length (cut on the way) with 400, so nothing half-received is stored. */
export async function readBody(request: Request, limit: number): Promise<Buffer> {
  const declared = declaredLength(request);
  if (declared !== null && declared > limit) throw tooLarge(limit);
  if (!request.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > limit) throw tooLarge(limit);
      chunks.push(Buffer.from(chunk));
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('bad_request', 'The upload was interrupted before it was complete. Nothing was stored.');
  }
  assertReceivedAll(declared, size);
  return Buffer.concat(chunks);
}

/** Content-Length as a number; null when absent (a chunked upload). A malformed one is refused. */
export function declaredLength(request: Request): number | null {
  const header = request.headers.get('content-length');
  if (header === null) return null;
  if (!/^\d{1,16}$/.test(header.trim())) throw new AppError('bad_request', 'Content-Length is not a number of bytes.');
  return Number(header.trim());
}

export function assertReceivedAll(declared: number | null, received: number): void {
  if (declared !== null && declared !== received) {
    throw new AppError(
      'bad_request',
      `The upload was cut short: ${received} of the ${declared} bytes ` +
        `announced (Content-Length) arrived. Nothing was stored.`,
    );
  }
}

/** 413 naming the limit in the unit people think in (64 MB, 4 GB, 256 KB). */
export function tooLarge(limit: number): AppError {
  return new AppError('too_large', `The file is larger than the limit of ${formatLimit(limit)}.`);
}

function formatLimit(bytes: number): string {
  if (bytes >= 1024 ** 3 && bytes % 1024 ** 3 === 0) return `${bytes / 1024 ** 3} GB`;
  if (bytes >= 1024 ** 2) return `${Math.round(bytes / 1024 ** 2)} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}
