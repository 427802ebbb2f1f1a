// GET /scim/v2/Users — list or filter (userName eq "…") with startIndex/count · POST — provision a member.
// PUT, PATCH, DELETE: 405 with Allow. Bearer SCIM token of one workspace; no dashboard session and no Origin
// check (machine to machine, no cookies).
import { scimJson, scimResource } from '@/lib/scim/errors.ts';
import { readScimJson } from '@/lib/scim/http.ts';
import { scimRoutes } from '@/lib/scim/routes.ts';
import { createUser, listUsers } from '@/lib/scim/users.ts';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE } = scimRoutes({
  GET: async (scim, request) => scimJson(await listUsers(scim, new URL(request.url).searchParams)),
  POST: async (scim, request) => scimResource(await createUser(scim, await readScimJson(request)), 201),
});
