// GET /api/evidence/oscal?ws=…&from=…&to=… — OSCAL 1.0.4 assessment results for the period, as an attachment.
import { authorize } from '../../../../lib/auth/authorize.ts';
import { db } from '../../../../lib/db.ts';
import { parsePeriod } from '../../../../lib/evidence/as-of.ts';
import { oscalFor } from '../../../../lib/evidence/oscal-export.ts';
import { AppError } from '../../../../lib/http/app-error.ts';
import { errorResponse } from '../../../../lib/http/route.ts';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  try {
    const actor = await authorize('evidence:download');
    const params = new URL(request.url).searchParams;
    const ws = params.get('ws');
    if (!ws) throw new AppError('bad_request', 'ws (the workspace) is required.');
    const period = parsePeriod(params.get('from'), params.get('to'));
    const doc = await oscalFor(db(), actor, ws, period);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    return new Response(JSON.stringify(doc, null, 2) + '\n', {
      headers: {
        'Content-Type': 'application/json',
        'Content-Disposition': `attachment; filename="tollgate-oscal-assessment-results-${ws}-${day(period.from)}-${day(period.to)}.json"`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
