// GET /scim/v2/ServiceProviderConfig — what this SCIM server supports (PATCH, filters, ETags; no bulk, no sort).
import { serviceProviderConfig } from '../../../../lib/scim/discovery.ts';
import { scimJson } from '../../../../lib/scim/errors.ts';
import { withScimBearer } from '../../../../lib/scim/http.ts';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  return withScimBearer(request, async (scim) => scimJson(serviceProviderConfig(scim.baseUrl)));
}
