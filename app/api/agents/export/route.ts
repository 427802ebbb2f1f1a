// GET /api/agents/export?ws=…&<filters> — the Agents page's current view as CSV (every matching row, streamed).
import { parseAgentFilter } from '@/lib/agents/filter.ts';
import { agentsForExport } from '@/lib/agents/queries.ts';
import { LEGS, type Leg } from '@/lib/apps/legs.ts';
import { csvDownload, fileStamp } from '@/lib/http/downloads.ts';
import { withRoute } from '@/lib/http/with-route.ts';

export const dynamic = 'force-dynamic';

const COLUMNS = [
  'agent_id',
  'agent_name',
  'owner_email',
  'status',
  'in_latest_export',
  'connected_apps',
  'private_data',
  'untrusted_content',
  'external_send',
  'legs',
  'trifecta',
  'effective_state',
  'unknown_apps',
  'config_hash',
  'updated_at',
  // Last, so scripts that read the columns by position before GPTs joined the inventory still read them.
  'kind',
];

export const GET = withRoute(
  'agents:read',
  async ({ db, request, workspace }) => {
    const filter = parseAgentFilter(Object.fromEntries(new URL(request.url).searchParams));
    const rows = (async function* () {
      for await (const a of agentsForExport(db, workspace.id, filter)) {
        const legs = a.legs as Record<Leg, string[]>;
        yield [
          a.externalId,
          a.name,
          a.ownerEmail,
          a.status,
          String(a.inLatestExport),
          a.apps.join(';'),
          ...LEGS.map((l) => legs[l].join(';')),
          a.legCount,
          String(a.trifecta),
          a.effectiveState,
          a.unknownApps.join(';'),
          a.configHash,
          a.updatedAt.toISOString(),
          a.kind,
        ];
      }
    })();
    return csvDownload(`tollgate-agents-${workspace.id}-${fileStamp()}.csv`, COLUMNS, rows);
  },
  { ws: 'exists' },
);
