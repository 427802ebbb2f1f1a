// GET /api/platform-actions/queue?ws=…[&batch=…] — the queue while actions are being sent (per batch: waiting,
// sending, answered, failed), polled by the Actions page's live region. Read only.
import { withRoute } from '@/lib/http/with-route.ts';
import { queueProgress } from '@/lib/platform/queries.ts';

export const dynamic = 'force-dynamic';

export const GET = withRoute(
  'platform:read',
  async ({ db, request, workspace }) => {
    const batch = new URL(request.url).searchParams.get('batch')?.slice(0, 100) || null;
    const queue = await queueProgress(db, workspace.id, batch);
    return Response.json(
      { queue: queue.map((q) => ({ ...q, nextAttemptAt: q.nextAttemptAt?.toISOString() ?? null })) },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  },
  { ws: 'exists' },
);
