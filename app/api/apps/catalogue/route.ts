// GET /api/apps/catalogue?ws=…[&at=ISO date] — the workspace's catalogue (as of a date) as a file that
// `tollgate classify --catalogue FILE` reads.
import { serializeCatalogue } from '@/lib/apps/catalogue-file.ts';
import { catalogueAt, currentCatalogue } from '@/lib/apps/queries.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { withRoute } from '@/lib/http/with-route.ts';

export const dynamic = 'force-dynamic';

export const GET = withRoute(
  'apps:read',
  async ({ db, request, workspace }) => {
    const param = new URL(request.url).searchParams.get('at');
    const at = param ? new Date(param) : null;
    if (at && Number.isNaN(at.getTime()))
      throw new AppError('bad_request', 'at must be a date (YYYY-MM-DD or ISO 8601).');
    const catalogue = at ? await catalogueAt(db, workspace.id, at) : await currentCatalogue(db, workspace.id);
    return new Response(serializeCatalogue(catalogue), {
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="tollgate-catalogue-${workspace.id}-v${catalogue.version}.json"`,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  },
  { ws: 'exists' },
);
