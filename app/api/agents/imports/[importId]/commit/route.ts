// POST /api/agents/imports/:id/commit?ws=… — commit a previewed import in one transaction. The response
// streams progress as NDJSON lines ({"phase","done","total"}), then {"outcome"} or {"error"}.
import { commitImport } from '@/lib/agents/import/service.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { withRoute } from '@/lib/http/with-route.ts';
import { logger } from '@/lib/log.ts';

export const dynamic = 'force-dynamic';

export const POST = withRoute<{ importId: string }, 'required'>(
  'agents:write',
  async ({ actor, db, request, params, workspaceId }) => {
    const body = (await request.json().catch(() => ({}))) as { skipInvalid?: unknown };
    const skipInvalid = body.skipInvalid === true;
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (value: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
        let last = 0;
        try {
          const outcome = await commitImport(db, actor, workspaceId, params.importId, {
            skipInvalid,
            onProgress: (phase, done, total) => {
              const now = Date.now();
              if (now - last > 100 || done === total) send({ phase, done, total });
              last = now;
            },
          });
          send({ outcome: { ...outcome, skipped: outcome.skippedCount } });
        } catch (error) {
          // The answer has started (200 and a stream), so a failure is the stream's last line, not a status.
          if (error instanceof AppError) send({ error: { status: error.status, message: error.message } });
          else {
            const errorId = crypto.randomUUID();
            logger.error({ err: error, errorId }, 'import commit failed');
            send({
              error: { status: 500, message: `Something went wrong (error id ${errorId}). Nothing was imported.` },
            });
          }
        }
        controller.close();
      },
    });
    return new Response(stream, {
      headers: {
        'Content-Type': 'application/x-ndjson; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  },
  { ws: 'required' },
);
