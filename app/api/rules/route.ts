// GET /api/rules — every detection rule as one multi-document Sigma YAML file, for a SIEM.
import { sigmaExport } from '@/lib/detections/builtin.ts';
import { withRoute } from '@/lib/http/with-route.ts';

export const dynamic = 'force-dynamic';

export const GET = withRoute(
  'alerts:read',
  async () =>
    new Response(sigmaExport(), {
      headers: {
        'content-type': 'application/yaml; charset=utf-8',
        'content-disposition': 'attachment; filename="tollgate-rules.yml"',
        'x-content-type-options': 'nosniff',
      },
    }),
);
