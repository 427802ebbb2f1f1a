// GET /scim/v2/Schemas/:id — one schema by its URN.
import { schemaResource } from '../../../../../lib/scim/discovery.ts';
import { notFound, scimJson } from '../../../../../lib/scim/errors.ts';
import { withScimBearer } from '../../../../../lib/scim/http.ts';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return withScimBearer(request, async (scim) => {
    const { id } = await params;
    const found = schemaResource(decodeURIComponent(id), scim.baseUrl);
    if (!found) throw notFound(`Schema ${id}`);
    return scimJson(found);
  });
}
