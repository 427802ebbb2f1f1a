// GET /api/reviews/register?ws=…&q=…&approver=…&show=current|all — the published register (agents and GPTs, by
// kind) as CSV (formula-safe cells), streamed. Recorded in the audit log: a download is access, not a change.
import { recordAccess } from '@/lib/audit/record.ts';
import { csvDownload, fileStamp } from '@/lib/http/downloads.ts';
import { withRoute } from '@/lib/http/with-route.ts';
import { parseRegisterFilter, registerForExport } from '@/lib/reviews/register.ts';

export const dynamic = 'force-dynamic';

const COLUMNS = [
  'agent_id',
  'agent_name',
  'owner_email',
  'version',
  'config_hash',
  'approvers',
  'effective_at',
  'conditions',
  'superseded_at',
  'decision_ids',
  // Last, so scripts that read the earlier columns by position still work (decision 0023, the Agents CSV too).
  'kind',
];

export const GET = withRoute(
  'reviews:read',
  async ({ actor, db, request, workspace }) => {
    const filter = parseRegisterFilter(Object.fromEntries(new URL(request.url).searchParams));
    await recordAccess(db, actor, {
      action: 'reviews.register.export',
      targetType: 'register',
      targetId: workspace.id,
      workspaceId: workspace.id,
      diff: { filter },
    });
    const rows = (async function* () {
      for await (const e of registerForExport(db, workspace.id, filter)) {
        yield [
          e.externalId,
          e.agentName,
          e.ownerEmail,
          e.versionId ?? '',
          e.configHash,
          e.approvers.join(';'),
          e.effectiveAt.toISOString(),
          e.conditions ?? '',
          e.supersededAt?.toISOString() ?? '',
          e.decisionIds.join(';'),
          e.kind,
        ];
      }
    })();
    return csvDownload(`tollgate-published-register-${workspace.id}-${fileStamp()}.csv`, COLUMNS, rows);
  },
  { ws: 'exists' },
);
