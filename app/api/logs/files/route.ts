// POST /api/logs/files — one Compliance Logs file (.jsonl or .jsonl.gz) as the raw body, streamed to disk in
// constant memory (size-limited), stored exactly once and applied to agents, runs and alerts; answers with the outcome.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebStream } from 'node:stream/web';
import pg from 'pg';
import { authorize } from '../../../../lib/auth/authorize.ts';
import { AppError } from '../../../../lib/http/app-error.ts';
import { assertSameOrigin, errorResponse } from '../../../../lib/http/route.ts';
import { db } from '../../../../lib/db.ts';
import { ingestAndApply } from '../../../../lib/logs/pipeline.ts';
import { MAX_LOG_UPLOAD_BYTES } from '../../../../lib/logs/store.ts';

export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  let dir: string | null = null;
  try {
    const actor = await authorize('logs:ingest');
    assertSameOrigin(request);
    const name = path.basename(decodeURIComponent(request.headers.get('x-filename') ?? 'upload.jsonl'));
    if (Number(request.headers.get('content-length') ?? 0) > MAX_LOG_UPLOAD_BYTES) throw new AppError('too_large', 'The file is larger than 4 GB.');
    if (!request.body) throw new AppError('unprocessable', 'The file is empty.');
    dir = await mkdtemp(path.join(os.tmpdir(), 'tollgate-upload-'));
    const file = path.join(dir, 'upload');
    let size = 0;
    const counted = Readable.fromWeb(request.body as unknown as WebStream).on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_LOG_UPLOAD_BYTES) counted.destroy(new AppError('too_large', 'The file is larger than 4 GB.'));
    });
    await pipeline(counted, createWriteStream(file));
    if (size === 0) throw new AppError('unprocessable', 'The file is empty.');
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const outcome = await ingestAndApply(client, db(), file, { source: 'upload', name, startedBy: actor.label });
      return Response.json(outcome, { status: 201 });
    } finally {
      await client.end();
    }
  } catch (error) {
    return errorResponse(error);
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
