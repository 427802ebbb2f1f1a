// GET /api/agents/export?ws=…&<filters> — the Agents page's current view as CSV (every matching row, streamed).
import { authorize } from '../../../../lib/auth/authorize.ts';
import { parseAgentFilter } from '../../../../lib/agents/filter.ts';
import { agentsForExport } from '../../../../lib/agents/queries.ts';
import { LEGS, type Leg } from '../../../../lib/apps/legs.ts';
import { db } from '../../../../lib/db.ts';
import { AppError } from '../../../../lib/http/app-error.ts';
import { csvDownload, fileStamp } from '../../../../lib/http/downloads.ts';
import { errorResponse } from '../../../../lib/http/route.ts';

export const dynamic = 'force-dynamic';

const COLUMNS = ['agent_id', 'agent_name', 'owner_email', 'status', 'in_latest_export', 'connected_apps', 'private_data', 'untrusted_content', 'external_send', 'legs', 'trifecta', 'effective_state', 'unknown_apps', 'config_hash', 'updated_at'];

export async function GET(request: Request) {
  try {
    await authorize('agents:read');
    const params = Object.fromEntries(new URL(request.url).searchParams);
    const workspace = params.ws ? await db().workspace.findUnique({ where: { id: params.ws }, select: { id: true } }) : null;
    if (!workspace) throw new AppError('not_found', 'No such workspace.');
    const filter = parseAgentFilter(params);
    const rows = (async function* () {
      for await (const a of agentsForExport(db(), workspace.id, filter)) {
        const legs = a.legs as Record<Leg, string[]>;
        yield [a.externalId, a.name, a.ownerEmail, a.status, String(a.inLatestExport), a.apps.join(';'), ...LEGS.map((l) => legs[l].join(';')), a.legCount, String(a.trifecta), a.effectiveState, a.unknownApps.join(';'), a.configHash, a.updatedAt.toISOString()];
      }
    })();
    return csvDownload(`tollgate-agents-${workspace.id}-${fileStamp()}.csv`, COLUMNS, rows);
  } catch (error) {
    return errorResponse(error);
  }
}
