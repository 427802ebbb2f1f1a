'use client';
// The workspace's agent imports (the latest 50), newest first, on the shared DataTable.
import Link from 'next/link';
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';

export type ImportRow = {
  id: string;
  uploaded: string;
  by: string;
  filename: string;
  status: string;
  created: number;
  changed: number;
  invalid: number;
  sha256: string;
};

const columns: DataColumn<ImportRow>[] = [
  {
    id: 'uploaded',
    header: 'Uploaded (UTC)',
    className: 'nowrap',
    hideable: false,
    cell: (i) => <Link href={`/agents/import/${i.id}`}>{i.uploaded}</Link>,
    csv: (i) => i.uploaded,
  },
  { id: 'by', header: 'By', cell: (i) => i.by, csv: (i) => i.by },
  { id: 'file', header: 'File', cell: (i) => i.filename, csv: (i) => i.filename },
  { id: 'status', header: 'Status', cell: (i) => i.status, csv: (i) => i.status },
  { id: 'new', header: 'New', className: 'num', cell: (i) => i.created, csv: (i) => i.created },
  { id: 'changed', header: 'Changed', className: 'num', cell: (i) => i.changed, csv: (i) => i.changed },
  { id: 'invalid', header: 'Invalid rows', className: 'num', cell: (i) => i.invalid, csv: (i) => i.invalid },
  {
    id: 'sha256',
    header: 'SHA-256',
    cell: (i) => <code title={i.sha256}>{i.sha256.slice(0, 12)}…</code>,
    csv: (i) => i.sha256,
  },
];

export function ImportsTable({ rows }: { rows: ImportRow[] }) {
  return (
    <DataTable
      label="Imports"
      storageKey="agent-imports"
      columns={columns}
      rows={rows}
      rowKey={(i) => i.id}
      csvName="agent-imports"
    />
  );
}
