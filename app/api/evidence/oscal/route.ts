// GET /api/evidence/oscal?ws=…&from=…&to=… — OSCAL 1.0.4 assessment results for the period, as an attachment.
import { parsePeriod } from '@/lib/evidence/as-of.ts';
import { oscalFor } from '@/lib/evidence/oscal-export.ts';
import { withRoute } from '@/lib/http/with-route.ts';

export const dynamic = 'force-dynamic';

export const GET = withRoute(
  'evidence:download',
  async ({ actor, db, request, workspaceId }) => {
    const params = new URL(request.url).searchParams;
    const period = parsePeriod(params.get('from'), params.get('to'));
    const doc = await oscalFor(db, actor, workspaceId, period);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const filename = `tollgate-oscal-assessment-results-${workspaceId}-${day(period.from)}-${day(period.to)}.json`;
    return new Response(`${JSON.stringify(doc, null, 2)}\n`, {
      headers: {
        'Content-Type': 'application/json',
        'Content-Disposition': `attachment; filename="${filename}"`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
      },
    });
  },
  { ws: 'required' },
);
