// Any other path under /scim/v2 (the base URL itself, an unknown resource type, /.search, /Users/x/y…) — a SCIM JSON error
// (RFC 7644 §3.12), never Next's HTML 404: 401 without a token, then 404 (501 for POST …/.search).
import { refuseWith, unknownEndpoint } from '@/lib/scim/errors.ts';
import { withScimBearer } from '@/lib/scim/http.ts';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  return withScimBearer(request, refuseWith(unknownEndpoint(request)));
}

export async function POST(request: Request) {
  return withScimBearer(request, refuseWith(unknownEndpoint(request)));
}

export async function PUT(request: Request) {
  return withScimBearer(request, refuseWith(unknownEndpoint(request)));
}

export async function PATCH(request: Request) {
  return withScimBearer(request, refuseWith(unknownEndpoint(request)));
}

export async function DELETE(request: Request) {
  return withScimBearer(request, refuseWith(unknownEndpoint(request)));
}
