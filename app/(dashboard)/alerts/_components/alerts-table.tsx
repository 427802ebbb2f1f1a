'use client';
// The alerts list on the shared DataTable, newest first, each alert with its rule's risk chips (OWASP agentic / LLM,
// ATLAS); the page filters and pages on the server (URL).
import Link from 'next/link';
import { DataTable, type DataColumn, type DataPaging } from '@/components/data-table/data-table.tsx';
import { RiskChips } from '@/components/ui/risk-chips.tsx';
import type { RiskTag } from '@/lib/frameworks/risk-tags.ts';

export type AlertRow = {
  id: string;
  at: string;
  severity: string;
  title: string;
  message: string;
  agentId: string | null;
  /** This list narrowed to the alert's agent. */
  agentHref: string | null;
  status: string;
  assignee: string | null;
  events: number;
  risks: RiskTag[];
};

const columns: DataColumn<AlertRow>[] = [
  { id: 'at', header: 'When (UTC)', className: 'nowrap', cell: (a) => a.at, csv: (a) => a.at },
  {
    id: 'severity',
    header: 'Severity',
    cell: (a) => <span className={`severity severity-${a.severity}`}>{a.severity}</span>,
    csv: (a) => a.severity,
  },
  {
    id: 'alert',
    header: 'Alert',
    hideable: false,
    cell: (a) => (
      <>
        <Link href={`/alerts/${a.id}`}>{a.title}</Link>
        <div className="small muted">{a.message}</div>
        <RiskChips risks={a.risks} list="/alerts" />
      </>
    ),
    csv: (a) => a.title,
  },
  {
    id: 'agent',
    header: 'Agent',
    cell: (a) =>
      a.agentId && a.agentHref ? (
        <Link href={a.agentHref}>
          <code>{a.agentId}</code>
        </Link>
      ) : (
        '—'
      ),
    csv: (a) => a.agentId ?? '',
  },
  { id: 'status', header: 'Status', cell: (a) => a.status, csv: (a) => a.status },
  {
    id: 'assignee',
    header: 'Assignee',
    cell: (a) => a.assignee ?? <span className="muted">Unassigned</span>,
    csv: (a) => a.assignee ?? '',
  },
  { id: 'events', header: 'Events', className: 'num', cell: (a) => a.events, csv: (a) => a.events },
];

export function AlertsTable({ rows, paging }: { rows: AlertRow[]; paging: DataPaging }) {
  return (
    <DataTable
      label="Alerts table"
      storageKey="alerts"
      columns={columns}
      rows={rows}
      rowKey={(a) => a.id}
      paging={paging}
      pagerLabels={{ previous: '← Newer', next: 'Older →' }}
      csvName="alerts"
    />
  );
}
