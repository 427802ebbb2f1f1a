'use client';
// The evidence packs and OSCAL exports produced lately (from the audit log), on the shared DataTable.
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';

export type ProducedRow = {
  seq: string;
  at: string;
  by: string;
  what: string;
  period: string;
  manifest: string | null;
};

const columns: DataColumn<ProducedRow>[] = [
  { id: 'at', header: 'When (UTC)', className: 'small', cell: (e) => e.at, csv: (e) => e.at },
  { id: 'by', header: 'By', className: 'small', cell: (e) => e.by, csv: (e) => e.by },
  { id: 'what', header: 'What', className: 'small', hideable: false, cell: (e) => e.what, csv: (e) => e.what },
  { id: 'period', header: 'Period', className: 'small', cell: (e) => e.period, csv: (e) => e.period },
  {
    id: 'manifest',
    header: 'Manifest SHA-256',
    className: 'small',
    cell: (e) => <code className="hash">{e.manifest ?? '—'}</code>,
    csv: (e) => e.manifest ?? '',
  },
];

export function RecentTable({ rows }: { rows: ProducedRow[] }) {
  // Not named after its section ("Recently produced"), so the section stays the one region of that name.
  return (
    <DataTable
      label="Packs and exports"
      storageKey="evidence-recent"
      columns={columns}
      rows={rows}
      rowKey={(e) => e.seq}
      csvName="evidence-produced"
    />
  );
}
