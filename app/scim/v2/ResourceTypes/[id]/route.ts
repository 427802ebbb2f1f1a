// GET /scim/v2/ResourceTypes/:id — User or Group. Other methods: 405 with Allow.
import { resourceType } from '@/lib/scim/discovery.ts';
import { notFound, scimJson } from '@/lib/scim/errors.ts';
import { scimRoutes } from '@/lib/scim/routes.ts';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE } = scimRoutes<{ id: string }>({
  GET: async (scim, _request, { id }) => {
    const found = resourceType(id, scim.baseUrl);
    if (!found) throw notFound(`ResourceType ${id}`);
    return scimJson(found);
  },
});
