'use client';
// Every HTTP call of one action, in order: when it left, when (and whether) the answer came, the status code, the
// wait the platform asked for, and the error when there was no answer.
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';

export type AttemptRow = {
  id: string;
  number: number;
  startedAt: string;
  finishedAt: string;
  status: string;
  retryAfter: string;
  error: string;
};

const columns: DataColumn<AttemptRow>[] = [
  { id: 'number', header: '#', className: 'num', hideable: false, cell: (t) => t.number, csv: (t) => t.number },
  { id: 'started', header: 'Sent (UTC)', className: 'nowrap', cell: (t) => t.startedAt, csv: (t) => t.startedAt },
  {
    id: 'finished',
    header: 'Answered (UTC)',
    className: 'nowrap',
    cell: (t) => t.finishedAt,
    csv: (t) => t.finishedAt,
  },
  { id: 'status', header: 'Status code', cell: (t) => t.status, csv: (t) => t.status },
  { id: 'retry', header: 'Retry-After', className: 'num', cell: (t) => t.retryAfter, csv: (t) => t.retryAfter },
  { id: 'error', header: 'Error', cell: (t) => t.error || '—', csv: (t) => t.error },
];

export function AttemptsTable({ rows }: { rows: AttemptRow[] }) {
  return (
    <DataTable
      label="Attempts table"
      storageKey="action-attempts"
      columns={columns}
      rows={rows}
      rowKey={(t) => t.id}
      className="attempts-table"
      csvName="action-attempts"
    />
  );
}
