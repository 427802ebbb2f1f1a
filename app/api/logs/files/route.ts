// POST /api/logs/files — one Compliance Logs file (.jsonl or .jsonl.gz) as the raw body, streamed to disk in
// constant memory (size-limited), stored exactly once and applied to agents, runs and alerts; answers with the outcome.
import path from 'node:path';
import pg from 'pg';
import { AppError } from '@/lib/http/app-error.ts';
import { declaredLength, tooLarge } from '@/lib/http/route.ts';
import { withRoute } from '@/lib/http/with-route.ts';
import { ingestAndApply } from '@/lib/logs/pipeline.ts';
import { MAX_LOG_UPLOAD_BYTES } from '@/lib/logs/store.ts';
import { withUploadedFile } from '@/lib/logs/upload-temp.ts';
import { directDatabaseUrl } from '@/lib/runtime/database-urls.ts';

export const dynamic = 'force-dynamic';

export const POST = withRoute(
  'logs:ingest',
  async ({ actor, db, request, filename }) => {
    const name = path.basename(filename('upload.jsonl')) || 'upload.jsonl';
    const declared = declaredLength(request);
    if (declared !== null && declared > MAX_LOG_UPLOAD_BYTES) throw tooLarge(MAX_LOG_UPLOAD_BYTES);
    if (!request.body || declared === 0) throw new AppError('unprocessable', 'The file is empty.');
    const outcome = await withUploadedFile(request.body, declared, MAX_LOG_UPLOAD_BYTES, async (file) => {
      // Ingest takes an advisory lock on its own session, so it gets a client of its own, not the pool, and
      // connects directly (never through a transaction pooler).
      const client = new pg.Client({ connectionString: directDatabaseUrl() });
      await client.connect();
      try {
        return await ingestAndApply(client, db, file, { source: 'upload', name, startedBy: actor.label });
      } finally {
        // Ending the session also drops any advisory lock a failure left behind.
        await client.end().catch(() => {});
      }
    });
    return Response.json(outcome, { status: 201 });
  },
  { upload: true },
);
