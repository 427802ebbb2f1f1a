'use client';
// The review queue on the shared DataTable, riskiest first unless the URL asks for another order.
import Link from 'next/link';
import { StateBadge, statusLabel } from '@/components/agents/legs.tsx';
import { TechId } from '@/components/ui/tech-id.tsx';
import { DataTable, type DataColumn, type DataPaging } from '@/components/data-table/data-table.tsx';

export type QueueRow = {
  id: string;
  externalId: string;
  /** Workspace agent or Custom GPT, already worded. */
  kind: string;
  name: string;
  ownerEmail: string;
  reason: string;
  /** "last approved by … , when", already worded. */
  lastApproval: string | null;
  status: string;
  effectiveState: string;
  versionId: string | null;
  configHash: string;
  changed: string;
};

const columns: DataColumn<QueueRow>[] = [
  {
    id: 'agent',
    header: 'Agent',
    sort: 'asc',
    hideable: false,
    cell: (q) => (
      <>
        <Link href={`/reviews/${encodeURIComponent(q.externalId)}`}>{q.name || q.externalId}</Link>
        <div className="small muted">{q.externalId}</div>
      </>
    ),
    csv: (q) => q.name || q.externalId,
  },
  { id: 'kind', header: 'Kind', className: 'nowrap', cell: (q) => q.kind, csv: (q) => q.kind },
  { id: 'owner', header: 'Owner', sort: 'asc', cell: (q) => q.ownerEmail, csv: (q) => q.ownerEmail },
  {
    id: 'reason',
    header: 'Why it is here',
    cell: (q) => (
      <>
        {q.reason}
        {q.lastApproval && <div className="small muted">{q.lastApproval}</div>}
      </>
    ),
    csv: (q) => q.reason,
  },
  { id: 'status', header: 'Platform status', cell: (q) => statusLabel(q.status), csv: (q) => statusLabel(q.status) },
  {
    id: 'trifecta',
    header: 'Trifecta',
    cell: (q) => <StateBadge state={q.effectiveState} status={q.status} />,
    csv: (q) => q.effectiveState,
  },
  {
    id: 'configuration',
    header: 'Configuration',
    cell: (q) => (
      <>
        {q.versionId ? `version ${q.versionId}` : <span className="muted">version not known</span>}
        <div>
          <TechId value={q.configHash} short={12} label="configuration hash" />
        </div>
      </>
    ),
    csv: (q) => q.versionId ?? '',
  },
  {
    id: 'changed',
    header: 'Changed (UTC)',
    sort: 'desc',
    className: 'nowrap',
    cell: (q) => q.changed,
    csv: (q) => q.changed,
  },
];

export function QueueTable({ rows, paging }: { rows: QueueRow[]; paging: DataPaging }) {
  return (
    <DataTable
      label="Review queue table"
      storageKey="reviews.queue"
      columns={columns}
      rows={rows}
      rowKey={(q) => q.id}
      paging={paging}
      csvName="review-queue"
    />
  );
}
