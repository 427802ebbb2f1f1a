'use client';
// The lines of an ingested file that could not be stored, on the shared DataTable (CSV to fix them).
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';

export type QuarantinedLine = { line: number; reason: string; excerpt: string };

const columns: DataColumn<QuarantinedLine>[] = [
  { id: 'line', header: 'Line', className: 'num', hideable: false, cell: (l) => l.line, csv: (l) => l.line },
  { id: 'reason', header: 'Reason', cell: (l) => l.reason, csv: (l) => l.reason },
  {
    id: 'excerpt',
    header: 'Start of the line',
    cell: (l) => <code className="wrap">{l.excerpt}</code>,
    csv: (l) => l.excerpt,
  },
];

export function QuarantineTable({ rows, fileId }: { rows: QuarantinedLine[]; fileId: string }) {
  return (
    <DataTable
      label="Quarantined lines"
      storageKey="quarantined-lines"
      columns={columns}
      rows={rows}
      rowKey={(l) => String(l.line)}
      csvName={`quarantined-${fileId}`}
    />
  );
}
