// Server actions return a result instead of throwing, so the form can show the message.
import 'server-only';
import { logger } from '@/lib/log.ts';
import { AppError } from './app-error.ts';

export type ActionResult<T = undefined> =
  | { ok: true; data?: T; message?: string }
  | { ok: false; status: number; message: string };

export async function actionResult<T>(
  run: () => Promise<{ data?: T; message?: string } | undefined>,
): Promise<ActionResult<T>> {
  try {
    const out = await run();
    return { ok: true, ...(out ?? {}) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, status: error.status, message: error.message };
    const errorId = crypto.randomUUID();
    logger.error({ err: error, errorId }, 'server action failed');
    return { ok: false, status: 500, message: `Something went wrong (error id ${errorId}).` };
  }
}
