'use client';
// Platform actions on the shared DataTable: the Actions page (sorted and paged on the server through the URL) and,
// without sorting or the target column, an agent's or GPT's own actions on its page.
import Link from 'next/link';
import { DataTable, type DataColumn, type DataPaging } from '@/components/data-table/data-table.tsx';
import type { SortDir } from '@/components/data-table/url-state.ts';
import { STATUS_LABELS } from '@/lib/platform/kinds.ts';
import type { ActionTableRow } from './rows.ts';
import { ActionStatusBadge } from './status-badge.tsx';

const columns: DataColumn<ActionTableRow>[] = [
  {
    id: 'requested',
    header: 'Requested (UTC)',
    className: 'nowrap',
    sort: 'desc',
    cell: (a) => <Link href={`/actions/${encodeURIComponent(a.id)}`}>{a.requestedAt}</Link>,
    csv: (a) => a.requestedAt,
    hideable: false,
  },
  {
    id: 'status',
    header: 'Status',
    sort: 'asc',
    cell: (a) => <ActionStatusBadge status={a.status} />,
    csv: (a) => STATUS_LABELS[a.status],
  },
  { id: 'kind', header: 'Action', sort: 'asc', cell: (a) => a.kind, csv: (a) => a.kind },
  {
    id: 'target',
    header: 'Target',
    sort: 'asc',
    cell: (a) => (
      <>
        {a.targetHref ? <Link href={a.targetHref}>{a.target}</Link> : a.target}
        <div className="small muted mono">
          {a.targetId}
          {a.fileId ? ` · file ${a.fileId}` : ''}
        </div>
      </>
    ),
    csv: (a) => `${a.target} (${a.targetId}${a.fileId ? `, file ${a.fileId}` : ''})`,
  },
  { id: 'reason', header: 'Reason', className: 'action-reason', cell: (a) => a.reason, csv: (a) => a.reason },
  {
    id: 'who',
    header: 'Requested by / approval',
    cell: (a) => (
      <>
        {a.requestedBy}
        <div className="small muted">{a.approval}</div>
      </>
    ),
    csv: (a) => `${a.requestedBy}; ${a.approval}`,
  },
  { id: 'attempts', header: 'Attempts', className: 'num', cell: (a) => a.attempts, csv: (a) => a.attempts },
  {
    id: 'answer',
    header: 'Platform answer',
    cell: (a) => (
      <>
        {a.answer}
        {a.answerNote && <div className="small muted">{a.answerNote}</div>}
      </>
    ),
    csv: (a) => (a.answerNote ? `${a.answer} (${a.answerNote})` : a.answer),
  },
  {
    id: 'confirmation',
    header: 'Confirmation in logs',
    className: 'action-confirmation',
    cell: (a) => a.confirmation,
    csv: (a) => a.confirmation,
  },
];

type Props = {
  rows: ActionTableRow[];
  paging?: DataPaging;
  sort?: { key: string; dir: SortDir };
  /** On an agent's or GPT's page: its own actions, so no target column and no server sort. */
  forTarget?: boolean;
};

const TARGET_COLUMNS = columns
  .filter((c) => c.id !== 'target')
  .map(({ sort: _unsorted, ...c }) => c as DataColumn<ActionTableRow>);

export function ActionsTable({ rows, paging, sort, forTarget }: Props) {
  return (
    <DataTable
      label={forTarget ? 'Platform actions on this target' : 'Platform actions table'}
      storageKey={forTarget ? 'target-actions' : 'platform-actions'}
      columns={forTarget ? TARGET_COLUMNS : columns}
      rows={rows}
      rowKey={(a) => a.id}
      paging={paging}
      sort={forTarget ? null : sort}
      csvName={forTarget ? 'target-platform-actions' : 'platform-actions'}
    />
  );
}
