// GET /api/platform-actions/export?ws=…&<filters> — the Actions page's current filter as CSV (every matching row,
// streamed, formula-safe cells). Recorded in the audit log: a download is access, not a change.
import { recordAccess } from '@/lib/audit/record.ts';
import { csvDownload, fileStamp } from '@/lib/http/downloads.ts';
import { withRoute } from '@/lib/http/with-route.ts';
import { parseActionFilter } from '@/lib/platform/filter.ts';
import { actionsForExport } from '@/lib/platform/queries.ts';

export const dynamic = 'force-dynamic';

const COLUMNS = [
  'id',
  'requested_at',
  'kind',
  'status',
  'target_id',
  'file_id',
  'target',
  'reason',
  'requested_by',
  'policy',
  'needs_approval',
  'approved_by',
  'approved_at',
  'batch_id',
  'attempts',
  'answer_status',
  'outcome',
  'answered_at',
  'confirmed_event_id',
  'confirmed_at',
  'note',
];

const iso = (d: Date | null) => d?.toISOString() ?? '';

export const GET = withRoute(
  'platform:read',
  async ({ actor, db, request, workspace }) => {
    const filter = parseActionFilter(Object.fromEntries(new URL(request.url).searchParams));
    await recordAccess(db, actor, {
      action: 'platform.actions.export',
      targetType: 'platform_action',
      targetId: workspace.id,
      workspaceId: workspace.id,
      diff: { filter },
    });
    const rows = (async function* () {
      for await (const a of actionsForExport(db, workspace.id, filter)) {
        yield [
          a.id,
          iso(a.requestedAt),
          a.kind,
          a.status,
          a.targetId,
          a.fileId ?? '',
          a.targetLabel,
          a.reason,
          a.requestedBy,
          a.policyKey ? `${a.policyKey} v${a.policyVersion ?? ''}` : '',
          String(a.needsApproval),
          a.approvedBy ?? '',
          iso(a.approvedAt),
          a.batchId ?? '',
          a.attempts,
          a.answerStatus ?? '',
          a.outcome ?? '',
          iso(a.answeredAt),
          a.confirmedEventId ?? '',
          iso(a.confirmedAt),
          a.note ?? '',
        ];
      }
    })();
    return csvDownload(`tollgate-platform-actions-${workspace.id}-${fileStamp()}.csv`, COLUMNS, rows);
  },
  { ws: 'exists' },
);
