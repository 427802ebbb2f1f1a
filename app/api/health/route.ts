// GET /api/health — public liveness: app and database status, nothing sensitive. Never shed; it says whether this
// instance is shedding load and how many requests it has refused (decision 0035), and stays 200 while it does.
import { admissionStatus } from '@/lib/http/admission-gate.ts';
import { publicRoute } from '@/lib/http/public-route.ts';
import { databaseHealth } from '@/lib/runtime/health.ts';

export const dynamic = 'force-dynamic';

export const GET = publicRoute(async ({ db }) => {
  const database = await databaseHealth(db);
  const admission = admissionStatus();
  if (database.status === 'ok') return Response.json({ status: 'ok', app: 'ok', database, admission });
  return Response.json({ status: 'degraded', app: 'ok', database, admission }, { status: 503 });
});
