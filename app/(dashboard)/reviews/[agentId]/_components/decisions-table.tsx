'use client';
// Every decision on any configuration of the agent, newest first, marked current or earlier configuration.
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';
import { TechId } from '@/components/ui/tech-id.tsx';

export type DecisionRow = {
  id: string;
  /** Already formatted in UTC. */
  decidedAt: string;
  reviewer: string;
  decision: string;
  /** Decided on the configuration under review now. */
  current: boolean;
  configHash: string;
  reason: string;
  conditions: string | null;
};

const reasonText = (d: DecisionRow) => `${d.reason}${d.conditions ? ` — conditions: ${d.conditions}` : ''}`;

const columns: DataColumn<DecisionRow>[] = [
  {
    id: 'decided',
    header: 'Decided (UTC)',
    hideable: false,
    className: 'nowrap',
    cell: (d) => d.decidedAt,
    csv: (d) => d.decidedAt,
  },
  { id: 'reviewer', header: 'Reviewer', cell: (d) => d.reviewer, csv: (d) => d.reviewer },
  { id: 'decision', header: 'Decision', hideable: false, cell: (d) => d.decision, csv: (d) => d.decision },
  {
    id: 'configuration',
    header: 'Configuration',
    cell: (d) => (
      <>
        {d.current ? 'current' : 'earlier'} <TechId value={d.configHash} short={12} label="configuration hash" />
      </>
    ),
    csv: (d) => `${d.current ? 'current' : 'earlier'} ${d.configHash}`,
  },
  { id: 'reason', header: 'Reason', className: 'small', cell: reasonText, csv: reasonText },
];

export function DecisionsTable({ rows }: { rows: DecisionRow[] }) {
  return (
    <DataTable
      label="Decisions table"
      storageKey="review.decisions"
      columns={columns}
      rows={rows}
      rowKey={(d) => d.id}
      csvName="review-decisions"
    />
  );
}
