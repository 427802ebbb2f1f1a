// GET /scim/v2/Groups — list or filter (displayName eq "…"), excludedAttributes=members · POST — create a group.
// PUT, PATCH, DELETE: 405 with Allow. Bearer SCIM token of one workspace; no dashboard session and no Origin
// check (machine to machine, no cookies).
import { scimJson, scimResource } from '@/lib/scim/errors.ts';
import { createGroup, listGroups } from '@/lib/scim/groups.ts';
import { readScimJson } from '@/lib/scim/http.ts';
import { scimRoutes } from '@/lib/scim/routes.ts';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE } = scimRoutes({
  GET: async (scim, request) => scimJson(await listGroups(scim, new URL(request.url).searchParams)),
  POST: async (scim, request) => scimResource(await createGroup(scim, await readScimJson(request)), 201),
});
