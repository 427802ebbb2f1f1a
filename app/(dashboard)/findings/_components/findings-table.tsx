'use client';
// The findings list on the shared DataTable: control, subject (linked to where it is managed), message with its risk
// chips (OWASP agentic / LLM, ATLAS), owner, due, status. The page sorts and pages on the server from the URL.
import Link from 'next/link';
import type { FindingView } from '@/lib/findings/queries.ts';
import { kindLabel } from '@/lib/findings/labels.ts';
import { DataTable, type DataColumn, type DataPaging } from '@/components/data-table/data-table.tsx';
import { RiskChips } from '@/components/ui/risk-chips.tsx';
import { DueDate, FindingStatusBadge } from './finding-status.tsx';

const columns: DataColumn<FindingView>[] = [
  { id: 'control', header: 'Control', sort: 'asc', className: 'mono', cell: (f) => f.control, csv: (f) => f.control },
  {
    id: 'subject',
    header: 'Subject',
    sort: 'asc',
    hideable: false,
    cell: (f) => (
      <>
        {f.subject.href ? <Link href={f.subject.href}>{f.subject.label}</Link> : f.subject.label}
        <div className="muted small">{f.subject.type}</div>
      </>
    ),
    csv: (f) => `${f.subject.type}: ${f.subject.label}`,
  },
  {
    id: 'finding',
    header: 'Finding',
    hideable: false,
    className: 'finding-message',
    cell: (f) => (
      <>
        <Link className="finding-kind" href={`/findings/${encodeURIComponent(f.id)}`}>
          {kindLabel(f.kind)}
        </Link>
        <div className="small">{f.message}</div>
        <RiskChips risks={f.risks} list="/findings" />
      </>
    ),
    csv: (f) => `${kindLabel(f.kind)}: ${f.message}`,
  },
  {
    id: 'owner',
    header: 'Owner',
    sort: 'asc',
    cell: (f) => f.owner ?? <span className="unassigned">Unassigned</span>,
    csv: (f) => f.owner ?? '',
  },
  {
    id: 'due',
    header: 'Due',
    sort: 'asc',
    className: 'due',
    cell: (f) => <DueDate due={f.due} overdue={f.overdue} />,
    csv: (f) => f.due.toISOString().slice(0, 10),
  },
  {
    id: 'status',
    header: 'Status',
    sort: 'asc',
    cell: (f) => <FindingStatusBadge status={f.status} exceptionId={f.exception_id} />,
    csv: (f) => f.status,
  },
];

export function FindingsTable({ rows, paging }: { rows: FindingView[]; paging: DataPaging }) {
  return (
    <div className="panel">
      <DataTable
        label="Findings table"
        caption="Findings"
        storageKey="findings"
        className="findings-table"
        columns={columns}
        rows={rows}
        rowKey={(f) => f.id}
        rowClassName={(f) => (f.status === 'open' ? 'row-exposed' : undefined)}
        paging={paging}
        csvName="findings"
      />
    </div>
  );
}
