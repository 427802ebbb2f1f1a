'use client';
// The workspace's campaigns on the shared DataTable: name and status, scopes, dates, recurrence, progress.
import Link from 'next/link';
import { type DataColumn, DataTable } from '@/components/data-table/data-table.tsx';
import type { CampaignRow } from '@/lib/campaigns/queries.ts';
import { isScope, SCOPE_LABELS } from '@/lib/campaigns/types.ts';
import { formatUtc } from '@/lib/format.ts';
import { CampaignStatus, Progress } from './status-badge.tsx';

const scopes = (c: CampaignRow) => c.scopes.map((s) => (isScope(s) ? SCOPE_LABELS[s] : s)).join('; ');

const columns: DataColumn<CampaignRow>[] = [
  {
    id: 'campaign',
    header: 'Campaign',
    hideable: false,
    cell: (c) => (
      <>
        <Link href={`/campaigns/${c.id}`}>{c.name}</Link>
        <div className="small muted">started by {c.createdBy}</div>
      </>
    ),
    csv: (c) => c.name,
  },
  {
    id: 'status',
    header: 'Status',
    className: 'small nowrap',
    cell: (c) => <CampaignStatus status={c.status} overdue={c.overdue} />,
    csv: (c) => (c.overdue ? `${c.status}, overdue` : c.status),
  },
  { id: 'scope', header: 'Scope', className: 'small', cell: scopes, csv: scopes },
  {
    id: 'starts',
    header: 'Starts',
    className: 'small nowrap',
    cell: (c) => formatUtc(c.startsAt),
    csv: (c) => c.startsAt.toISOString(),
  },
  {
    id: 'due',
    header: 'Due',
    className: 'small nowrap',
    cell: (c) => formatUtc(c.dueAt),
    csv: (c) => c.dueAt.toISOString(),
  },
  {
    id: 'recurrence',
    header: 'Recurs',
    className: 'small nowrap',
    cell: (c) => (c.recurrenceDays ? `every ${c.recurrenceDays} days` : 'once'),
    csv: (c) => c.recurrenceDays ?? '',
  },
  {
    id: 'progress',
    header: 'Progress',
    cell: (c) => <Progress decided={c.decided} total={c.total} />,
    csv: (c) => `${c.decided}/${c.total}`,
  },
];

export function CampaignTable({ rows }: { rows: CampaignRow[] }) {
  if (rows.length === 0) return <p className="muted">No access review yet.</p>;
  return (
    <DataTable
      label="Access-review campaigns"
      storageKey="campaigns"
      columns={columns}
      rows={rows}
      rowKey={(c) => c.id}
      csvName="access-reviews"
    />
  );
}
