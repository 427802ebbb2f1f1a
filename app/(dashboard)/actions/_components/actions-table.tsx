'use client';
// Platform actions on the shared DataTable: the Actions page (sorted and paged on the server through the URL) and,
// without sorting or the target column, an agent's or GPT's own actions on its page.
import Link from 'next/link';
import { DataTable, type DataColumn, type DataPaging } from '@/components/data-table/data-table.tsx';
import type { SortDir } from '@/components/data-table/url-state.ts';
import { STATUS_LABELS } from '@/lib/platform/kinds.ts';
import type { ActionTableRow } from './rows.ts';
import { ActionStatusBadge } from './status-badge.tsx';

/** An email or id that may wrap after its @ and dots, so a long address never widens the table. */
function Breakable({ text }: { text: string }) {
  const parts = text.split(/(?<=[@.:])/);
  return (
    <>
      {parts.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string, never reordered
        <span key={i}>
          {p}
          {i < parts.length - 1 && <wbr />}
        </span>
      ))}
    </>
  );
}

const columns: DataColumn<ActionTableRow>[] = [
  {
    id: 'requested',
    header: 'When (UTC)',
    className: 'action-when',
    sort: 'desc',
    cell: (a) => {
      const [day, ...time] = a.requestedAt.split(' ');
      return (
        <Link href={`/actions/${encodeURIComponent(a.id)}`}>
          {day}
          <br />
          {time.join(' ')}
        </Link>
      );
    },
    csv: (a) => a.requestedAt,
    hideable: false,
  },
  {
    id: 'status',
    header: 'Status',
    headerTitle: 'Status, the platform’s answer and the number of HTTP attempts',
    sort: 'asc',
    className: 'action-status',
    cell: (a) => (
      <>
        <ActionStatusBadge status={a.status} />
        <div className="small">
          {a.attempts === 0 ? 'nothing sent' : `${a.answer} · ${a.attempts} attempt${a.attempts === 1 ? '' : 's'}`}
        </div>
        {a.answerNote && <div className="small muted">{a.answerNote}</div>}
      </>
    ),
    csv: (a) =>
      `${STATUS_LABELS[a.status]}; answer ${a.answer}${a.answerNote ? ` (${a.answerNote})` : ''}; ` +
      `${a.attempts} attempt${a.attempts === 1 ? '' : 's'}`,
  },
  {
    id: 'target',
    header: 'Action',
    sort: 'asc',
    className: 'action-target',
    cell: (a) => (
      <>
        <strong>{a.kind}</strong>
        <div>{a.targetHref ? <Link href={a.targetHref}>{a.target}</Link> : a.target}</div>
        <div className="small muted mono">
          {a.targetId}
          {a.fileId ? ` · file ${a.fileId}` : ''}
        </div>
      </>
    ),
    csv: (a) => `${a.kind}: ${a.target} (${a.targetId}${a.fileId ? `, file ${a.fileId}` : ''})`,
  },
  { id: 'reason', header: 'Reason', className: 'action-reason', cell: (a) => a.reason, csv: (a) => a.reason },
  {
    id: 'who',
    header: 'Requested by',
    headerTitle: 'Who asked, and the second person who approved',
    className: 'action-who',
    cell: (a) => (
      <>
        <Breakable text={a.requestedBy} />
        <div className="small muted">
          <Breakable text={a.approval} />
        </div>
      </>
    ),
    csv: (a) => `${a.requestedBy}; ${a.approval}`,
  },
  {
    id: 'confirmation',
    header: 'In the logs',
    headerTitle: 'The Compliance Logs event that shows the change',
    className: 'action-confirmation',
    cell: (a) => <Breakable text={a.confirmation} />,
    csv: (a) => a.confirmation,
  },
];

type Props = {
  rows: ActionTableRow[];
  paging?: DataPaging;
  sort?: { key: string; dir: SortDir };
  /** On an agent's or GPT's page: its own actions, so no target and no server sort. */
  forTarget?: boolean;
  /** The server's export of the whole filter (the page's rows are one page of it). */
  exportHref?: string;
};

const TARGET_COLUMNS: DataColumn<ActionTableRow>[] = columns.map(({ sort: _unsorted, ...c }) =>
  c.id === 'target'
    ? {
        ...c,
        // The target is the page's own; only a knowledge file says which.
        cell: (a) => (
          <>
            <strong>{a.kind}</strong>
            {a.fileId && <div className="small">{a.target}</div>}
          </>
        ),
        csv: (a) => (a.fileId ? `${a.kind}: ${a.target}` : a.kind),
      }
    : c,
);

export function ActionsTable({ rows, paging, sort, forTarget, exportHref }: Props) {
  return (
    <DataTable
      label={forTarget ? 'Platform actions on this target' : 'Platform actions table'}
      storageKey={forTarget ? 'target-actions' : 'platform-actions'}
      columns={forTarget ? TARGET_COLUMNS : columns}
      rows={rows}
      rowKey={(a) => a.id}
      paging={paging}
      sort={forTarget ? null : sort}
      csvName={exportHref ? undefined : 'target-platform-actions'}
      toolbar={
        exportHref && (
          <a className="button button-small" href={exportHref} download>
            Export this filter (CSV)
          </a>
        )
      }
    />
  );
}
