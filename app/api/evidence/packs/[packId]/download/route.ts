// GET /api/evidence/packs/:id/download — the finished pack, once, to the person who started it. Recorded in
// the audit log with the manifest's hash (a download is access, not a change of governed state).
import { Readable } from 'node:stream';
import { recordAccess } from '@/lib/audit/record.ts';
import { packJob, takePack } from '@/lib/evidence/jobs.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { withRoute } from '@/lib/http/with-route.ts';
import { resolveDataDir } from '@/lib/runtime/data-dir.ts';

export const dynamic = 'force-dynamic';

export const GET = withRoute<{ packId: string }>('evidence:download', async ({ actor, db, params }) => {
  const job = await packJob(db, params.packId, actor);
  const stream = job ? await takePack(db, job, resolveDataDir()) : null;
  if (!job || !stream) throw new AppError('not_found', 'No finished pack with this id (each pack is downloaded once).');
  await recordAccess(db, actor, {
    action: 'evidence.download',
    targetType: 'workspace',
    targetId: job.workspaceId,
    workspaceId: job.workspaceId,
    diff: { filename: job.filename, manifestSha256: job.manifestSha256 },
  });
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${job.filename}"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
      'X-Manifest-SHA256': job.manifestSha256 ?? '',
    },
  });
});
