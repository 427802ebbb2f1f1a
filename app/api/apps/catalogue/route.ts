// GET /api/apps/catalogue?ws=…[&at=ISO date] — the workspace's catalogue (as of a date) as a file that
// `tollgate classify --catalogue FILE` reads.
import { authorize } from '../../../../lib/auth/authorize.ts';
import { serializeCatalogue } from '../../../../lib/apps/catalogue-file.ts';
import { catalogueAt, currentCatalogue } from '../../../../lib/apps/queries.ts';
import { db } from '../../../../lib/db.ts';
import { AppError } from '../../../../lib/http/app-error.ts';
import { errorResponse } from '../../../../lib/http/route.ts';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  try {
    await authorize('apps:read');
    const params = new URL(request.url).searchParams;
    const workspace = await db().workspace.findUnique({ where: { id: params.get('ws') ?? '' }, select: { id: true } });
    if (!workspace) throw new AppError('not_found', 'No such workspace.');
    const at = params.get('at') ? new Date(params.get('at')!) : null;
    if (at && Number.isNaN(at.getTime())) throw new AppError('bad_request', 'at must be a date (YYYY-MM-DD or ISO 8601).');
    const catalogue = at ? await catalogueAt(db(), workspace.id, at) : await currentCatalogue(db(), workspace.id);
    return new Response(serializeCatalogue(catalogue), {
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="tollgate-catalogue-${workspace.id}-v${catalogue.version}.json"`,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
