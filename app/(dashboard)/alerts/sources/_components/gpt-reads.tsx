'use client';
// The latest GPT reads (the scheduled read from the Compliance API, a file import): when, what they found, and
// every object they refused with its id, field and reason — one bad GPT is listed here and never blocks the others.
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';

export type GptReadRow = {
  id: string;
  source: string;
  started: string;
  outcome: string;
  counts: string;
};
export type GptIssueRow = { key: string; read: string; objectId: string; field: string; reason: string; at: string };

const readColumns: DataColumn<GptReadRow>[] = [
  { id: 'source', header: 'Read', hideable: false, cell: (r) => r.source, csv: (r) => r.source },
  { id: 'started', header: 'Started (UTC)', className: 'nowrap small', cell: (r) => r.started, csv: (r) => r.started },
  { id: 'outcome', header: 'Outcome', cell: (r) => r.outcome, csv: (r) => r.outcome },
  { id: 'counts', header: 'GPTs', className: 'small', cell: (r) => r.counts, csv: (r) => r.counts },
];

const issueColumns: DataColumn<GptIssueRow>[] = [
  {
    id: 'object',
    header: 'Object',
    hideable: false,
    className: 'mono small',
    cell: (r) => r.objectId,
    csv: (r) => r.objectId,
  },
  { id: 'field', header: 'Field', className: 'mono small', cell: (r) => r.field, csv: (r) => r.field },
  { id: 'reason', header: 'Reason', cell: (r) => r.reason, csv: (r) => r.reason },
  { id: 'read', header: 'Read', className: 'small', cell: (r) => r.read, csv: (r) => r.read },
];

export function GptReadsTables({ reads, issues }: { reads: GptReadRow[]; issues: GptIssueRow[] }) {
  return (
    <>
      <DataTable label="GPT reads" storageKey="gpt-reads" columns={readColumns} rows={reads} rowKey={(r) => r.id} />
      <h3>Refused objects</h3>
      {issues.length === 0 ? (
        <p className="muted small">The latest reads refused nothing.</p>
      ) : (
        <DataTable
          label="Refused GPT objects"
          storageKey="gpt-read-issues"
          columns={issueColumns}
          rows={issues}
          rowKey={(r) => r.key}
          csvName="gpt-refused-objects"
        />
      )}
    </>
  );
}
