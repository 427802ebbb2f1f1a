'use client';
// Decided and total items per reviewer, on the shared DataTable.
import { type DataColumn, DataTable } from '@/components/data-table/data-table.tsx';
import type { ReviewerProgress } from '@/lib/campaigns/rules.ts';
import { Progress } from '../../_components/status-badge.tsx';

const columns: DataColumn<ReviewerProgress>[] = [
  {
    id: 'reviewer',
    header: 'Reviewer',
    hideable: false,
    rowHeader: true,
    cell: (p) => p.reviewer,
    csv: (p) => p.reviewer,
  },
  {
    id: 'decided',
    header: 'Decided',
    hideable: false,
    cell: (p) => <Progress decided={p.decided} total={p.total} />,
    csv: (p) => `${p.decided}/${p.total}`,
  },
];

export function ProgressTable({ rows }: { rows: ReviewerProgress[] }) {
  return (
    <DataTable
      label="Progress per reviewer"
      storageKey="campaign-progress"
      columns={columns}
      rows={rows}
      rowKey={(p) => p.reviewerId}
      csvName="campaign-progress"
    />
  );
}
