// GET /api/evidence/packs/:id — the progress of a pack the caller started.
import { packJob } from '@/lib/evidence/jobs.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { withRoute } from '@/lib/http/with-route.ts';
import { progressOf } from '@/app/api/evidence/packs/progress.ts';

export const dynamic = 'force-dynamic';

export const GET = withRoute<{ packId: string }>('evidence:download', async ({ actor, db, params }) => {
  const job = await packJob(db, params.packId, actor);
  if (!job) throw new AppError('not_found', 'No such pack (packs are kept for an hour).');
  return Response.json(progressOf(job), { headers: { 'Cache-Control': 'no-store' } });
});
