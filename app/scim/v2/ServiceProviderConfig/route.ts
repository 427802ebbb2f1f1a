// GET /scim/v2/ServiceProviderConfig — what this SCIM server supports (PATCH, filters, ETags; no bulk, no sort).
// Other methods: 405 with Allow, in SCIM's error format.
import { serviceProviderConfig } from '@/lib/scim/discovery.ts';
import { scimJson } from '@/lib/scim/errors.ts';
import { scimRoutes } from '@/lib/scim/routes.ts';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE } = scimRoutes({
  GET: async (scim) => scimJson(serviceProviderConfig(scim.baseUrl)),
});
