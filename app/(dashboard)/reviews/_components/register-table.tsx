'use client';
// The published register on the shared DataTable; filters, order and pages come from the URL.
import Link from 'next/link';
import { TechId } from '@/components/ui/tech-id.tsx';
import { DataTable, type DataColumn, type DataPaging } from '@/components/data-table/data-table.tsx';

export type RegisterRow = {
  id: string;
  externalId: string;
  /** Workspace agent or Custom GPT, already worded. */
  kind: string;
  agentName: string;
  ownerEmail: string;
  versionId: string | null;
  configHash: string;
  approvers: string[];
  effective: string;
  conditions: string | null;
  /** When a later approval replaced this entry, already formatted; null while in force. */
  superseded: string | null;
};

const columns: DataColumn<RegisterRow>[] = [
  {
    id: 'agent',
    header: 'Agent',
    sort: 'asc',
    hideable: false,
    cell: (e) => (
      <>
        <Link href={`/reviews/${encodeURIComponent(e.externalId)}`}>{e.agentName || e.externalId}</Link>
        <div className="small muted">{e.externalId}</div>
      </>
    ),
  },
  { id: 'kind', header: 'Kind', className: 'nowrap', cell: (e) => e.kind, csv: (e) => e.kind },
  { id: 'owner', header: 'Owner', sort: 'asc', cell: (e) => e.ownerEmail },
  { id: 'version', header: 'Version', cell: (e) => e.versionId ?? '—' },
  {
    id: 'configuration',
    header: 'Configuration',
    cell: (e) => <TechId value={e.configHash} short={12} label="configuration hash" />,
  },
  { id: 'approvers', header: 'Approvers', cell: (e) => e.approvers.join(', ') },
  { id: 'effective', header: 'Effective (UTC)', sort: 'desc', className: 'nowrap', cell: (e) => e.effective },
  { id: 'conditions', header: 'Conditions', className: 'small', cell: (e) => e.conditions ?? '—' },
  {
    id: 'state',
    header: 'State',
    cell: (e) =>
      e.superseded ? (
        <span className="state state-none">Superseded {e.superseded}</span>
      ) : (
        <span className="state state-mitigated">In force</span>
      ),
  },
];

export function RegisterTable({ rows, paging }: { rows: RegisterRow[]; paging: DataPaging }) {
  return (
    <DataTable
      label="Published register table"
      storageKey="reviews.register"
      columns={columns}
      rows={rows}
      rowKey={(e) => e.id}
      paging={paging}
    />
  );
}
