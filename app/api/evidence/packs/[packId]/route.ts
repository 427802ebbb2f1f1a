// GET /api/evidence/packs/:id — the progress of a pack the caller started.
import { authorize } from '../../../../../lib/auth/authorize.ts';
import { packJob } from '../../../../../lib/evidence/jobs.ts';
import { AppError } from '../../../../../lib/http/app-error.ts';
import { errorResponse } from '../../../../../lib/http/route.ts';
import { progressOf } from '../progress.ts';

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ packId: string }> }) {
  try {
    const actor = await authorize('evidence:download');
    const job = packJob((await params).packId, actor);
    if (!job) throw new AppError('not_found', 'No such pack in progress (packs are kept for an hour, and a restart loses those in progress).');
    return Response.json(progressOf(job), { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
