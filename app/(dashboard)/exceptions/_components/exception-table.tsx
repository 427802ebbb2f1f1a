'use client';
// One group of exceptions (requested, in force, expired…) on the shared DataTable: scope, findings, people,
// review date. The page sorts every group the same way from the URL; groups are short, so no paging.
import Link from 'next/link';
import type { ExceptionView } from '@/lib/exceptions/queries.ts';
import { formatUtc } from '@/lib/format.ts';
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';
import { ExceptionStatusBadge } from './badges.tsx';

const columns: DataColumn<ExceptionView>[] = [
  {
    id: 'exception',
    header: 'Exception',
    sort: 'asc',
    hideable: false,
    className: 'exc-first',
    cell: (e) => (
      <>
        <Link className="exc-title" href={`/exceptions/${e.id}`}>
          {e.title}
        </Link>{' '}
        <ExceptionStatusBadge status={e.status} />
        {e.expiring && <span className="tag tag-warn">expiring within 14 days</span>}
        {e.lapsed && e.status === 'approved' && (
          <span className="tag tag-warn">lapsed: the agent’s configuration changed</span>
        )}
        {e.cabTicket && <div className="small muted">CAB {e.cabTicket}</div>}
      </>
    ),
    csv: (e) => e.title,
  },
  {
    id: 'review',
    header: 'Review date',
    sort: 'asc',
    className: 'small nowrap',
    cell: (e) => formatUtc(e.reviewAt),
    csv: (e) => formatUtc(e.reviewAt),
  },
  { id: 'scope', header: 'Scope', className: 'small exc-scope', cell: (e) => e.scopeLabel, csv: (e) => e.scopeLabel },
  {
    id: 'findings',
    header: 'Findings covered',
    className: 'small',
    cell: (e) =>
      e.findingKeys.length === 0 ? (
        '—'
      ) : (
        <>
          {e.findingKeys.length} finding{e.findingKeys.length === 1 ? '' : 's'}
          <ul className="exc-keys">
            {e.findingKeys.slice(0, 3).map((k) => (
              <li key={k}>
                <code>{k}</code>
              </li>
            ))}
            {e.findingKeys.length > 3 && <li>…</li>}
          </ul>
        </>
      ),
    csv: (e) => e.findingKeys.join(' '),
  },
  {
    id: 'requester',
    header: 'Requester',
    sort: 'asc',
    className: 'small',
    cell: (e) => (
      <>
        {e.requestedBy}
        <div className="muted">{formatUtc(e.requestedAt)}</div>
      </>
    ),
    csv: (e) => e.requestedBy,
  },
  {
    id: 'approver',
    header: 'Approver',
    className: 'small',
    cell: (e) => (
      <>
        {e.decidedBy ?? '—'}
        {e.decidedAt && <div className="muted">{formatUtc(e.decidedAt)}</div>}
      </>
    ),
    csv: (e) => e.decidedBy ?? '',
  },
];

export function ExceptionTable({ rows, label, empty }: { rows: ExceptionView[]; label: string; empty: string }) {
  if (rows.length === 0) return <p className="muted">{empty}</p>;
  return (
    <DataTable
      label={label}
      storageKey="exceptions"
      className="exc-table"
      columns={columns}
      rows={rows}
      rowKey={(e) => e.id}
      rowClassName={(e) => (e.expiring ? 'row-expiring' : undefined)}
      csvName={label.toLowerCase().replaceAll(' ', '-')}
    />
  );
}
