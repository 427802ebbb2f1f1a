// GET /scim/v2/Users — list or filter (userName eq "…") with startIndex/count · POST — provision a member.
// Bearer SCIM token of one workspace; no dashboard session and no Origin check (machine to machine, no cookies).
import { methodNotAllowed, refuseWith, scimJson, scimResource } from '@/lib/scim/errors.ts';
import { readScimJson, withScimBearer } from '@/lib/scim/http.ts';
import { createUser, listUsers } from '@/lib/scim/users.ts';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  return withScimBearer(request, async (scim) => scimJson(await listUsers(scim, new URL(request.url).searchParams)));
}

export async function POST(request: Request) {
  return withScimBearer(request, async (scim) =>
    scimResource(await createUser(scim, await readScimJson(request)), 201),
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
