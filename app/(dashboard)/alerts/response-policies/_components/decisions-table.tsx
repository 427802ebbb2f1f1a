'use client';
// The latest decisions of the response policies, newest first: what each rule did, or in a dry run would have done,
// for which agent or GPT at which configuration, and where its action stands now.
import Link from 'next/link';
import { type DataColumn, DataTable } from '@/components/data-table/data-table.tsx';

export type DecisionRow = {
  id: string;
  /** Already formatted in UTC. */
  decidedAt: string;
  rule: string;
  mode: string;
  target: string;
  config: string;
  detail: string;
  actionId: string | null;
  actionStatus: string;
};

const text = (pick: (r: DecisionRow) => string) => ({ cell: pick, csv: pick });

const columns: DataColumn<DecisionRow>[] = [
  { id: 'at', header: 'Decided (UTC)', className: 'nowrap', hideable: false, ...text((r) => r.decidedAt) },
  { id: 'rule', header: 'Rule', ...text((r) => r.rule) },
  {
    id: 'mode',
    header: 'Mode',
    cell: (r) => (r.mode === 'Dry run' ? <strong>{r.mode}</strong> : r.mode),
    csv: (r) => r.mode,
  },
  { id: 'target', header: 'Agent or GPT', ...text((r) => r.target) },
  { id: 'config', header: 'Configuration', className: 'nowrap', ...text((r) => r.config) },
  { id: 'detail', header: 'What it did', ...text((r) => r.detail) },
  {
    id: 'action',
    header: 'Action',
    cell: (r) => (r.actionId ? <Link href={`/actions/${encodeURIComponent(r.actionId)}`}>{r.actionStatus}</Link> : '—'),
    csv: (r) => r.actionStatus,
  },
];

export function DecisionsTable({ rows }: { rows: DecisionRow[] }) {
  return (
    <DataTable
      label="Response policy decisions"
      storageKey="response-policies.decisions"
      columns={columns}
      rows={rows}
      rowKey={(r) => r.id}
      csvName="response-policy-decisions"
    />
  );
}
