'use client';
// The findings an exception names, on the shared DataTable: what each is today, or that it is no longer found.
// A short list on a page of its own: no CSV.
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';
import type { FindingStatus } from '@/lib/exceptions/state.ts';
import { FindingStatusBadge } from '@/app/(dashboard)/exceptions/_components/badges.tsx';

export type CoveredRow = {
  key: string;
  /** Null when the finding is no longer found. */
  message: string | null;
  control: string | null;
  subject: string | null;
  status: FindingStatus | null;
};

const columns: DataColumn<CoveredRow>[] = [
  {
    id: 'finding',
    header: 'Finding',
    hideable: false,
    cell: (f) => (
      <>
        {f.message ?? 'No longer found'}
        <div className="small muted">
          <code>{f.key}</code>
        </div>
      </>
    ),
  },
  { id: 'control', header: 'Control', cell: (f) => f.control ?? '—' },
  { id: 'subject', header: 'Subject', cell: (f) => f.subject ?? '—' },
  {
    id: 'status',
    header: 'Status',
    cell: (f) => (f.status ? <FindingStatusBadge status={f.status} /> : '—'),
  },
];

export function CoveredTable({ rows }: { rows: CoveredRow[] }) {
  return (
    <DataTable
      label="Findings covered"
      storageKey="exception-findings"
      columns={columns}
      rows={rows}
      rowKey={(f) => f.key}
    />
  );
}
