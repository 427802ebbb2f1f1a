// GET /scim/v2/Groups — list or filter (displayName eq "…"), excludedAttributes=members · POST — create a group.
// Bearer SCIM token of one workspace; no dashboard session and no Origin check (machine to machine, no cookies).
import { methodNotAllowed, refuseWith, scimJson, scimResource } from '@/lib/scim/errors.ts';
import { createGroup, listGroups } from '@/lib/scim/groups.ts';
import { readScimJson, withScimBearer } from '@/lib/scim/http.ts';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  return withScimBearer(request, async (scim) => scimJson(await listGroups(scim, new URL(request.url).searchParams)));
}

export async function POST(request: Request) {
  return withScimBearer(request, async (scim) =>
    scimResource(await createGroup(scim, await readScimJson(request)), 201),
  );
}

// PUT, PATCH, DELETE — not offered here: 405 with Allow, in SCIM's error format.
export async function PUT(request: Request) {
  return withScimBearer(request, refuseWith(methodNotAllowed(request, ['GET', 'POST'])));
}

export async function PATCH(request: Request) {
  return withScimBearer(request, refuseWith(methodNotAllowed(request, ['GET', 'POST'])));
}

export async function DELETE(request: Request) {
  return withScimBearer(request, refuseWith(methodNotAllowed(request, ['GET', 'POST'])));
}
