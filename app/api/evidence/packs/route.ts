// POST /api/evidence/packs — start an evidence pack: JSON {workspaceId, framework, controlId?, from, to}
// (period [from, to) in UTC). Answers 202 with the job; the request is checked before anything is written.
import { loadSigningKey } from '@/lib/audit/signing.ts';
import { parsePeriod } from '@/lib/evidence/as-of.ts';
import { startPackJob } from '@/lib/evidence/jobs.ts';
import { parseScope } from '@/lib/evidence/scope.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { readBody } from '@/lib/http/route.ts';
import { withRoute } from '@/lib/http/with-route.ts';
import { resolveDataDir } from '@/lib/runtime/data-dir.ts';
import { progressOf } from './progress.ts';

export const dynamic = 'force-dynamic';

export const POST = withRoute('evidence:download', async ({ actor, db, request }) => {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse((await readBody(request, 10_000)).toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new AppError('bad_request', 'Expected a JSON body {workspaceId, framework, controlId?, from, to}.');
  }
  if (typeof body.workspaceId !== 'string' || !body.workspaceId)
    throw new AppError('bad_request', 'workspaceId is required.');
  const scope = parseScope(body.framework, body.controlId);
  const period = parsePeriod(body.from, body.to);
  const dataDir = resolveDataDir();
  loadSigningKey(dataDir); // an unusable key is refused here, not by the pack worker
  const job = await startPackJob(db, actor, { workspaceId: body.workspaceId, scope, period }, dataDir);
  return Response.json(progressOf(job), { status: 202 });
});
