'use client';
// The workspace's webhook subscriptions on the shared DataTable. Hosts only: a URL's path may hold a token.
import Link from 'next/link';
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';

export type SubscriptionRow = {
  id: string;
  host: string;
  description: string;
  format: string;
  eventTypes: string[];
  minSeverity: string | null;
  enabled: boolean;
  failed: number;
  updated: string;
};

const columns: DataColumn<SubscriptionRow>[] = [
  {
    id: 'host',
    header: 'Destination',
    hideable: false,
    rowHeader: true,
    cell: (s) => (
      <Link href={`/settings/webhooks/${s.id}`}>
        <code>{s.host}</code>
      </Link>
    ),
    csv: (s) => s.host,
  },
  { id: 'description', header: 'Description', cell: (s) => s.description, csv: (s) => s.description },
  {
    id: 'events',
    header: 'Events',
    cell: (s) => (
      <ul className="plain-list small">
        {s.eventTypes.map((t) => (
          <li key={t}>
            <code>{t}</code>
            {t === 'alert.raised' && s.minSeverity ? ` ≥ ${s.minSeverity}` : ''}
          </li>
        ))}
      </ul>
    ),
    csv: (s) => s.eventTypes.join(' '),
  },
  { id: 'format', header: 'Format', cell: (s) => s.format, csv: (s) => s.format },
  {
    id: 'state',
    header: 'State',
    cell: (s) => (s.enabled ? 'sending' : <span className="muted">paused</span>),
    csv: (s) => (s.enabled ? 'sending' : 'paused'),
  },
  {
    id: 'failed',
    header: 'Failed deliveries',
    className: 'num',
    cell: (s) => (s.failed > 0 ? <span className="severity severity-high">{s.failed}</span> : 0),
    csv: (s) => s.failed,
  },
  { id: 'updated', header: 'Updated (UTC)', className: 'nowrap', cell: (s) => s.updated, csv: (s) => s.updated },
];

export function SubscriptionsTable({ rows }: { rows: SubscriptionRow[] }) {
  return (
    <DataTable
      label="Webhook subscriptions"
      storageKey="webhook-subscriptions"
      columns={columns}
      rows={rows}
      rowKey={(s) => s.id}
      csvName="webhook-subscriptions"
    />
  );
}
