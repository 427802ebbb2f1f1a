// Any other path under /scim/v2 (the base URL itself, an unknown resource type, /.search, /Users/x/y…) — a SCIM
// JSON error (RFC 7644 §3.12), never Next's HTML 404: 401 without a token, then 404 (501 for POST …/.search).
import { unknownEndpoint } from '@/lib/scim/errors.ts';
import { scimRoutes } from '@/lib/scim/routes.ts';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE } = scimRoutes<{ rest?: string[] }>({}, { refuse: unknownEndpoint });
