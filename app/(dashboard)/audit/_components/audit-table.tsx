'use client';
// The audit log on the shared DataTable. Filters and the keyset pager (older than #n) stay the page's: the
// log is paged by sequence number, not by page number, so a new event never shifts a page under the reader.
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';

export type AuditRow = {
  seq: string;
  at: string;
  actor: string;
  role: string | null;
  sourceIp: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  changes: string[];
  hash: string;
};

const columns: DataColumn<AuditRow>[] = [
  { id: 'seq', header: '#', className: 'num', hideable: false, cell: (e) => e.seq, csv: (e) => e.seq },
  { id: 'at', header: 'Time (UTC)', className: 'nowrap', cell: (e) => e.at, csv: (e) => e.at },
  {
    id: 'actor',
    header: 'Actor',
    cell: (e) => (
      <>
        {e.actor}
        {e.role && <span className="muted small"> ({e.role})</span>}
        {e.sourceIp && <div className="muted small">{e.sourceIp}</div>}
      </>
    ),
    csv: (e) => e.actor,
  },
  { id: 'action', header: 'Action', cell: (e) => <code>{e.action}</code>, csv: (e) => e.action },
  {
    id: 'target',
    header: 'Target',
    cell: (e) => (
      <>
        {e.targetType}
        {e.targetId && <div className="muted small">{e.targetId}</div>}
      </>
    ),
    csv: (e) => (e.targetId ? `${e.targetType} ${e.targetId}` : e.targetType),
  },
  {
    id: 'change',
    header: 'Change',
    cell: (e) => (
      <ul className="diff">
        {e.changes.map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one recorded change are fixed and may repeat
          <li key={i}>{line}</li>
        ))}
      </ul>
    ),
    csv: (e) => e.changes.join('; '),
  },
  { id: 'hash', header: 'Hash', cell: (e) => <code title={e.hash}>{e.hash.slice(0, 12)}…</code>, csv: (e) => e.hash },
];

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  return (
    <DataTable
      label="Audit events table"
      storageKey="audit"
      columns={columns}
      rows={rows}
      rowKey={(e) => e.seq}
      csvName="audit-log-view"
    />
  );
}
