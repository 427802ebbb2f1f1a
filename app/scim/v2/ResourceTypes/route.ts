// GET /scim/v2/ResourceTypes — User (with the Enterprise extension) and Group. Other methods: 405 with Allow.
import { listOf, resourceType } from '@/lib/scim/discovery.ts';
import { scimJson } from '@/lib/scim/errors.ts';
import { scimRoutes } from '@/lib/scim/routes.ts';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE } = scimRoutes({
  GET: async (scim) => scimJson(listOf(['User', 'Group'].map((name) => resourceType(name, scim.baseUrl)))),
});
