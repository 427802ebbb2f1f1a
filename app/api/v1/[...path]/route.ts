// The REST API v1: every path under /api/v1, through apiRoutes (lib/api/handler.ts) — bearer token, rate limit,
// authorization, problem+json errors. Operations live in lib/api/operations/.
import { apiRoutes } from '@/lib/api/handler.ts';

export const { GET, POST, PUT, PATCH, DELETE } = apiRoutes();
