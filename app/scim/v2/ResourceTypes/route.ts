// GET /scim/v2/ResourceTypes — User (with the Enterprise extension) and Group.
import { listOf, resourceType } from '@/lib/scim/discovery.ts';
import { methodNotAllowed, refuseWith, scimJson } from '@/lib/scim/errors.ts';
import { withScimBearer } from '@/lib/scim/http.ts';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  return withScimBearer(request, async (scim) =>
    scimJson(listOf(['User', 'Group'].map((name) => resourceType(name, scim.baseUrl)))),
  );
}

// POST, PUT, PATCH, DELETE — not offered here: 405 with Allow, in SCIM's error format.
export async function POST(request: Request) {
  return withScimBearer(request, refuseWith(methodNotAllowed(request, ['GET'])));
}

export async function PUT(request: Request) {
  return withScimBearer(request, refuseWith(methodNotAllowed(request, ['GET'])));
}

export async function PATCH(request: Request) {
  return withScimBearer(request, refuseWith(methodNotAllowed(request, ['GET'])));
}

export async function DELETE(request: Request) {
  return withScimBearer(request, refuseWith(methodNotAllowed(request, ['GET'])));
}
