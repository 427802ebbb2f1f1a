// GET /api/rules — every detection rule as one multi-document Sigma YAML file, for a SIEM.
import { authorize } from '../../../lib/auth/authorize.ts';
import { sigmaExport } from '../../../lib/detections/builtin.ts';
import { errorResponse } from '../../../lib/http/route.ts';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    await authorize('alerts:read');
    return new Response(sigmaExport(), {
      headers: { 'content-type': 'application/yaml; charset=utf-8', 'content-disposition': 'attachment; filename="tollgate-rules.yml"', 'x-content-type-options': 'nosniff' },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
