// Route handlers map AppError to a status and a JSON body (or the route's own format).
import 'server-only';
import { logger } from '../log.ts';
import { AppError } from './app-error.ts';
import { isSameOrigin } from './same-origin.ts';

export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    return Response.json({ error: { code: error.code, message: error.message } }, { status: error.status });
  }
  const errorId = crypto.randomUUID();
  logger.error({ err: error, errorId }, 'route handler failed');
  return Response.json({ error: { code: 'internal', message: `Something went wrong (error id ${errorId}).` } }, { status: 500 });
}

/** Mutating route handlers check Origin themselves (server actions are checked in proxy.ts). `Origin: null` or
 *  a malformed Origin is a 403 like any other cross-site request, never a 500. */
export function assertSameOrigin(request: Request): void {
  if (!isSameOrigin(request.headers)) throw new AppError('forbidden', 'Cross-site request refused.');
}

/** Reads a request body up to `limit` bytes; a larger body is refused with 413 before it is all read. */
export async function readBody(request: Request, limit: number): Promise<Buffer> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > limit) throw new AppError('too_large', `The file is larger than ${Math.round(limit / 1024 / 1024)} MB.`);
  if (!request.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limit) throw new AppError('too_large', `The file is larger than ${Math.round(limit / 1024 / 1024)} MB.`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
