// GET /api/health — public liveness: app and database status, nothing sensitive.
import { publicRoute } from '@/lib/http/public-route.ts';
import { databaseHealth } from '@/lib/runtime/health.ts';

export const dynamic = 'force-dynamic';

export const GET = publicRoute(async ({ db }) => {
  const database = await databaseHealth(db);
  if (database.status === 'ok') return Response.json({ status: 'ok', app: 'ok', database });
  return Response.json({ status: 'degraded', app: 'ok', database }, { status: 503 });
});
