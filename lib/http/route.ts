// Route handlers map AppError to a status and a JSON body (or the route's own format).
import 'server-only';
import { logger } from '../log.ts';
import { AppError } from './app-error.ts';

export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    return Response.json({ error: { code: error.code, message: error.message } }, { status: error.status });
  }
  const errorId = crypto.randomUUID();
  logger.error({ err: error, errorId }, 'route handler failed');
  return Response.json({ error: { code: 'internal', message: `Something went wrong (error id ${errorId}).` } }, { status: 500 });
}
