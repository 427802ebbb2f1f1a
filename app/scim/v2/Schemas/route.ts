// GET /scim/v2/Schemas — the User, Enterprise User and Group schemas this server validates against. Other
// methods: 405 with Allow.
import { allSchemaIds, listOf, schemaResource } from '@/lib/scim/discovery.ts';
import { scimJson } from '@/lib/scim/errors.ts';
import { scimRoutes } from '@/lib/scim/routes.ts';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE } = scimRoutes({
  GET: async (scim) => scimJson(listOf(allSchemaIds().map((id) => schemaResource(id, scim.baseUrl)))),
});
