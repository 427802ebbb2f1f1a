'use client';
// The two lists inside a suspension's evidence: the connectors with their settings and the last runs, as the
// evidence captured them. The server turns the stored JSON into these rows (evidence-view.tsx).
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';

export type EvidenceConnectorRow = {
  key: string;
  app: string | null;
  /** null: the export did not say; []: no tool allowed. */
  allowedTools: string[] | null;
  approvals: string | null;
  authVariant: string | null;
};

export type EvidenceRunRow = {
  id: string;
  status: string;
  /** Already formatted in UTC, or '—'. */
  started: string;
  ended: string;
  invokedBy: string;
  via: string | null;
  failure: string | null;
};

const notKnown = <span className="muted">not known</span>;
const tools = (c: EvidenceConnectorRow) =>
  c.allowedTools === null ? null : c.allowedTools.length ? c.allowedTools.join(', ') : 'none';

const connectorColumns: DataColumn<EvidenceConnectorRow>[] = [
  { id: 'app', header: 'App', hideable: false, cell: (c) => <code>{c.app ?? '—'}</code>, csv: (c) => c.app ?? '' },
  {
    id: 'tools',
    header: 'Allowed tools',
    className: 'small',
    cell: (c) => tools(c) ?? notKnown,
    csv: (c) => tools(c) ?? 'not known',
  },
  {
    id: 'approvals',
    header: 'Approvals',
    cell: (c) => c.approvals ?? notKnown,
    csv: (c) => c.approvals ?? 'not known',
  },
  {
    id: 'auth',
    header: 'Authentication',
    cell: (c) => c.authVariant ?? notKnown,
    csv: (c) => c.authVariant ?? 'not known',
  },
];

const runColumns: DataColumn<EvidenceRunRow>[] = [
  { id: 'run', header: 'Run', hideable: false, className: 'mono', cell: (r) => r.id, csv: (r) => r.id },
  { id: 'status', header: 'Status', cell: (r) => r.status, csv: (r) => r.status },
  { id: 'started', header: 'Started (UTC)', className: 'nowrap', cell: (r) => r.started, csv: (r) => r.started },
  { id: 'ended', header: 'Ended (UTC)', className: 'nowrap', cell: (r) => r.ended, csv: (r) => r.ended },
  {
    id: 'invoker',
    header: 'Invoked by',
    cell: (r) => (
      <>
        {r.invokedBy}
        {r.via && <span className="small muted"> via {r.via}</span>}
      </>
    ),
    csv: (r) => (r.via ? `${r.invokedBy} via ${r.via}` : r.invokedBy),
  },
  {
    id: 'failure',
    header: 'Failure',
    className: 'small',
    cell: (r) => r.failure ?? '—',
    csv: (r) => r.failure ?? '',
  },
];

export function EvidenceConnectorsTable({ rows }: { rows: EvidenceConnectorRow[] }) {
  return (
    <DataTable
      label="Connectors at suspension"
      storageKey="suspension.evidence.connectors"
      columns={connectorColumns}
      rows={rows}
      rowKey={(c) => c.key}
      csvName="suspension-connectors"
    />
  );
}

export function EvidenceRunsTable({ rows }: { rows: EvidenceRunRow[] }) {
  return (
    <DataTable
      label="Last runs at suspension"
      storageKey="suspension.evidence.runs"
      columns={runColumns}
      rows={rows}
      rowKey={(r) => r.id}
      csvName="suspension-last-runs"
    />
  );
}
