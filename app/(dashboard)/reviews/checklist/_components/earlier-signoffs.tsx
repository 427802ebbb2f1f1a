'use client';
// A checklist step's sign-offs before the current one, newest first, folded away under a summary. The page
// renders each evidence cell (a link or a stored file) and its text for the CSV.
import type { ReactNode } from 'react';
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';

export type EarlierSignoffRow = {
  id: string;
  /** Already formatted in UTC. */
  signedAt: string;
  signedBy: string;
  note: string | null;
  evidence: ReactNode;
  /** The link or the file name, for the CSV. */
  evidenceText: string;
};

const columns: DataColumn<EarlierSignoffRow>[] = [
  {
    id: 'signed',
    header: 'Signed (UTC)',
    hideable: false,
    className: 'nowrap',
    cell: (o) => o.signedAt,
    csv: (o) => o.signedAt,
  },
  { id: 'by', header: 'By', hideable: false, cell: (o) => o.signedBy, csv: (o) => o.signedBy },
  { id: 'note', header: 'Note', cell: (o) => o.note ?? '', csv: (o) => o.note ?? '' },
  { id: 'evidence', header: 'Evidence', cell: (o) => o.evidence, csv: (o) => o.evidenceText },
];

export function EarlierSignoffs({ step, rows }: { step: number; rows: EarlierSignoffRow[] }) {
  return (
    <details>
      <summary>
        {rows.length} earlier sign-off{rows.length === 1 ? '' : 's'}
      </summary>
      <DataTable
        label={`Earlier sign-offs of step ${step}`}
        storageKey="checklist.earlier-signoffs"
        columns={columns}
        rows={rows}
        rowKey={(o) => o.id}
        csvName={`checklist-step-${step}-signoffs`}
      />
    </details>
  );
}
