// GET /scim/v2/Schemas/:id — one schema by its URN. Other methods: 405 with Allow.
import { schemaResource } from '@/lib/scim/discovery.ts';
import { notFound, scimJson } from '@/lib/scim/errors.ts';
import { scimRoutes } from '@/lib/scim/routes.ts';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE } = scimRoutes<{ id: string }>({
  GET: async (scim, _request, { id }) => {
    const found = schemaResource(decodeURIComponent(id), scim.baseUrl);
    if (!found) throw notFound(`Schema ${id}`);
    return scimJson(found);
  },
});
