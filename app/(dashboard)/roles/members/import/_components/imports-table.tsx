'use client';
// The workspace's members imports, newest first: who uploaded which file, its state and what it changed.
import Link from 'next/link';
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';

export type ImportRow = {
  id: string;
  /** Already formatted in UTC. */
  uploadedAt: string;
  uploadedBy: string;
  filename: string;
  status: string;
  created: number;
  changed: number;
  removed: number;
  invalid: number;
  sha256: string;
};

const count = (id: keyof ImportRow & ('created' | 'changed' | 'removed' | 'invalid'), header: string) =>
  ({ id, header, className: 'num', cell: (i) => i[id], csv: (i) => i[id] }) satisfies DataColumn<ImportRow>;

const columns: DataColumn<ImportRow>[] = [
  {
    id: 'uploaded',
    header: 'Uploaded (UTC)',
    hideable: false,
    className: 'nowrap',
    cell: (i) => <Link href={`/roles/members/import/${i.id}`}>{i.uploadedAt}</Link>,
    csv: (i) => i.uploadedAt,
  },
  { id: 'by', header: 'By', cell: (i) => i.uploadedBy, csv: (i) => i.uploadedBy },
  { id: 'file', header: 'File', hideable: false, cell: (i) => i.filename, csv: (i) => i.filename },
  { id: 'status', header: 'Status', cell: (i) => i.status, csv: (i) => i.status },
  count('created', 'New'),
  count('changed', 'Changed'),
  count('removed', 'Removed'),
  count('invalid', 'Invalid rows'),
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
      storageKey="roster.imports"
      columns={columns}
      rows={rows}
      rowKey={(i) => i.id}
      csvName="member-imports"
    />
  );
}
