// GET /scim/v2/ResourceTypes — User (with the Enterprise extension) and Group.
import { listOf, resourceType } from '../../../../lib/scim/discovery.ts';
import { scimJson } from '../../../../lib/scim/errors.ts';
import { withScimBearer } from '../../../../lib/scim/http.ts';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  return withScimBearer(request, async (scim) => scimJson(listOf(['User', 'Group'].map((name) => resourceType(name, scim.baseUrl)))));
}
