// GET/PUT/PATCH/DELETE /scim/v2/Users/:id — one member of the token's workspace (other ids answer 404).
import { methodNotAllowed, scimJson, scimResource } from '@/lib/scim/errors.ts';
import { readScimJson, withScimBearer } from '@/lib/scim/http.ts';
import { searchParams } from '@/lib/scim/search.ts';
import { deleteUser, getUser, listUsers, patchUser, replaceUser } from '@/lib/scim/users.ts';

export const dynamic = 'force-dynamic';
type Context = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Context) {
  return withScimBearer(request, async (scim) =>
    scimResource(await getUser(scim, (await params).id, new URL(request.url).searchParams)),
  );
}

export async function PUT(request: Request, { params }: Context) {
  return withScimBearer(request, async (scim) =>
    scimResource(await replaceUser(scim, (await params).id, await readScimJson(request))),
  );
}

export async function PATCH(request: Request, { params }: Context) {
  return withScimBearer(request, async (scim) =>
    scimResource(await patchUser(scim, (await params).id, await readScimJson(request))),
  );
}

export async function DELETE(request: Request, { params }: Context) {
  return withScimBearer(request, async (scim) => {
    await deleteUser(scim, (await params).id);
    return new Response(null, { status: 204 });
  });
}

// POST /scim/v2/Users/.search — a SearchRequest (RFC 7644 §3.4.3), answered like GET /Users; POST to an id is not offered.
export async function POST(request: Request, { params }: Context) {
  return withScimBearer(request, async (scim) => {
    if ((await params).id !== '.search') throw methodNotAllowed(request, ['GET', 'PUT', 'PATCH', 'DELETE']);
    return scimJson(await listUsers(scim, searchParams(await readScimJson(request))));
  });
}
