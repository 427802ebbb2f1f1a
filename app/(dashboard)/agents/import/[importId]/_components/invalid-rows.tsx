'use client';
// The rows of an uploaded export that cannot be imported, by line, on the shared DataTable (CSV to fix them).
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';

export type InvalidRow = { line: number; agentId?: string | null; reason: string };

const columns: DataColumn<InvalidRow>[] = [
  { id: 'line', header: 'Line', className: 'num', hideable: false, cell: (e) => e.line, csv: (e) => e.line },
  { id: 'agent', header: 'agent_id', className: 'mono', cell: (e) => e.agentId ?? '—', csv: (e) => e.agentId ?? '' },
  { id: 'reason', header: 'Reason', hideable: false, cell: (e) => e.reason, csv: (e) => e.reason },
];

export function InvalidRows({ rows, importId }: { rows: InvalidRow[]; importId: string }) {
  return (
    <DataTable
      label="Invalid rows"
      storageKey="import-invalid"
      columns={columns}
      rows={rows}
      rowKey={(e) => String(e.line)}
      csvName={`import-${importId}-invalid-rows`}
    />
  );
}
