// GET /scim/v2/Schemas/:id — one schema by its URN.
import { schemaResource } from '@/lib/scim/discovery.ts';
import { methodNotAllowed, notFound, refuseWith, scimJson } from '@/lib/scim/errors.ts';
import { withScimBearer } from '@/lib/scim/http.ts';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return withScimBearer(request, async (scim) => {
    const { id } = await params;
    const found = schemaResource(decodeURIComponent(id), scim.baseUrl);
    if (!found) throw notFound(`Schema ${id}`);
    return scimJson(found);
  });
}

// POST, PUT, PATCH, DELETE — not offered here: 405 with Allow, in SCIM's error format.
export async function POST(request: Request) {
  return withScimBearer(request, refuseWith(methodNotAllowed(request, ['GET'])));
}

export async function PUT(request: Request) {
  return withScimBearer(request, refuseWith(methodNotAllowed(request, ['GET'])));
}

export async function PATCH(request: Request) {
  return withScimBearer(request, refuseWith(methodNotAllowed(request, ['GET'])));
}

export async function DELETE(request: Request) {
  return withScimBearer(request, refuseWith(methodNotAllowed(request, ['GET'])));
}
