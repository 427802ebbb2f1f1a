// GET/PUT/PATCH/DELETE /scim/v2/Groups/:id — one group of the token's workspace; PATCH adds, removes or
// replaces members (including Entra ID's `members[value eq "…"]` remove path).
import { methodNotAllowed, scimJson, scimResource } from '@/lib/scim/errors.ts';
import { deleteGroup, getGroup, listGroups, patchGroup, replaceGroup } from '@/lib/scim/groups.ts';
import { readScimJson, withScimBearer } from '@/lib/scim/http.ts';
import { searchParams } from '@/lib/scim/search.ts';

export const dynamic = 'force-dynamic';
type Context = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Context) {
  return withScimBearer(request, async (scim) =>
    scimResource(await getGroup(scim, (await params).id, new URL(request.url).searchParams)),
  );
}

export async function PUT(request: Request, { params }: Context) {
  return withScimBearer(request, async (scim) =>
    scimResource(await replaceGroup(scim, (await params).id, await readScimJson(request))),
  );
}

export async function PATCH(request: Request, { params }: Context) {
  return withScimBearer(request, async (scim) =>
    scimResource(await patchGroup(scim, (await params).id, await readScimJson(request))),
  );
}

export async function DELETE(request: Request, { params }: Context) {
  return withScimBearer(request, async (scim) => {
    await deleteGroup(scim, (await params).id);
    return new Response(null, { status: 204 });
  });
}

// POST /scim/v2/Groups/.search — a SearchRequest (RFC 7644 §3.4.3), answered like GET /Groups; POST to an id is not offered.
export async function POST(request: Request, { params }: Context) {
  return withScimBearer(request, async (scim) => {
    if ((await params).id !== '.search') throw methodNotAllowed(request, ['GET', 'PUT', 'PATCH', 'DELETE']);
    return scimJson(await listGroups(scim, searchParams(await readScimJson(request))));
  });
}
