// GET/PUT/PATCH/DELETE /scim/v2/Users/:id — one member of the token's workspace (other ids answer 404).
import { methodNotAllowed, scimJson, scimResource } from '@/lib/scim/errors.ts';
import { readScimJson } from '@/lib/scim/http.ts';
import { scimRoutes } from '@/lib/scim/routes.ts';
import { searchParams } from '@/lib/scim/search.ts';
import { deleteUser, getUser, listUsers, patchUser, replaceUser } from '@/lib/scim/users.ts';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE } = scimRoutes<{ id: string }>({
  GET: async (scim, request, { id }) => scimResource(await getUser(scim, id, new URL(request.url).searchParams)),
  PUT: async (scim, request, { id }) => scimResource(await replaceUser(scim, id, await readScimJson(request))),
  PATCH: async (scim, request, { id }) => scimResource(await patchUser(scim, id, await readScimJson(request))),
  DELETE: async (scim, _request, { id }) => {
    await deleteUser(scim, id);
    return new Response(null, { status: 204 });
  },
  // POST /scim/v2/Users/.search — a SearchRequest (RFC 7644 §3.4.3), answered like GET /Users; POST to an id is
  // not offered.
  POST: async (scim, request, { id }) => {
    if (id !== '.search') throw methodNotAllowed(request, ['GET', 'PUT', 'PATCH', 'DELETE']);
    return scimJson(await listUsers(scim, searchParams(await readScimJson(request))));
  },
});
