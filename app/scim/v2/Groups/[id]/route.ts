// GET/PUT/PATCH/DELETE /scim/v2/Groups/:id — one group of the token's workspace; PATCH adds, removes or
// replaces members (including Entra ID's `members[value eq "…"]` remove path).
import { methodNotAllowed, scimJson, scimResource } from '@/lib/scim/errors.ts';
import { deleteGroup, getGroup, listGroups, patchGroup, replaceGroup } from '@/lib/scim/groups.ts';
import { readScimJson } from '@/lib/scim/http.ts';
import { scimRoutes } from '@/lib/scim/routes.ts';
import { searchParams } from '@/lib/scim/search.ts';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE } = scimRoutes<{ id: string }>({
  GET: async (scim, request, { id }) => scimResource(await getGroup(scim, id, new URL(request.url).searchParams)),
  PUT: async (scim, request, { id }) => scimResource(await replaceGroup(scim, id, await readScimJson(request))),
  PATCH: async (scim, request, { id }) => scimResource(await patchGroup(scim, id, await readScimJson(request))),
  DELETE: async (scim, _request, { id }) => {
    await deleteGroup(scim, id);
    return new Response(null, { status: 204 });
  },
  // POST /scim/v2/Groups/.search — a SearchRequest (RFC 7644 §3.4.3), answered like GET /Groups; POST to an id
  // is not offered.
  POST: async (scim, request, { id }) => {
    if (id !== '.search') throw methodNotAllowed(request, ['GET', 'PUT', 'PATCH', 'DELETE']);
    return scimJson(await listGroups(scim, searchParams(await readScimJson(request))));
  },
});
