'use client';
// The webhook's latest deliveries (the last ten), newest first, on the shared DataTable.
import Link from 'next/link';
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';

export type DeliveryRow = {
  id: string;
  alertId: string;
  status: string;
  attempts: number;
  /** Sent at, or the next attempt of a pending delivery (UTC). */
  when: string;
  lastError: string;
};

const columns: DataColumn<DeliveryRow>[] = [
  {
    id: 'alert',
    header: 'Alert',
    hideable: false,
    cell: (d) => <Link href={`/alerts/${d.alertId}`}>{d.alertId}</Link>,
    csv: (d) => d.alertId,
  },
  {
    id: 'status',
    header: 'Status',
    cell: (d) => (d.status === 'failed' ? <span className="severity severity-high">failed</span> : d.status),
    csv: (d) => d.status,
  },
  { id: 'attempts', header: 'Attempts', className: 'num', cell: (d) => d.attempts, csv: (d) => d.attempts },
  { id: 'when', header: 'Sent / next attempt (UTC)', cell: (d) => d.when, csv: (d) => d.when },
  { id: 'error', header: 'Last error', className: 'small', cell: (d) => d.lastError, csv: (d) => d.lastError },
];

export function DeliveriesTable({ rows }: { rows: DeliveryRow[] }) {
  return (
    <DataTable
      label="Webhook deliveries"
      storageKey="alert-deliveries"
      columns={columns}
      rows={rows}
      rowKey={(d) => d.id}
      csvName="alert-deliveries"
    />
  );
}
