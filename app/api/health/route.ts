// GET /api/health — public liveness: app and database status, nothing sensitive.
import { db } from '@/lib/db.ts';

export const dynamic = 'force-dynamic';

export async function GET() {
  const started = Date.now();
  try {
    await db().$queryRaw`SELECT 1`;
    return Response.json({ status: 'ok', app: 'ok', database: { status: 'ok', latencyMs: Date.now() - started } });
  } catch {
    return Response.json({ status: 'degraded', app: 'ok', database: { status: 'unreachable' } }, { status: 503 });
  }
}
