'use client';
// Trigger → evidence captured → confirmed in console, each step and the total against 15 minutes. The total row
// comes from the server (timings-total.tsx), since its verdict badge lives beside server-only suspension reads.
import type { ReactNode } from 'react';
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';
import { formatUtc } from '@/lib/format.ts';
import { formatDuration, type Step } from '@/lib/suspensions/timings.ts';

// Three rows and a total laid out under them: every column stays, so the total row keeps its alignment.
const columns: DataColumn<Step>[] = [
  { id: 'step', header: 'Step', hideable: false, cell: (s) => s.label },
  { id: 'from', header: 'From (UTC)', hideable: false, className: 'nowrap', cell: (s) => formatUtc(s.from) },
  {
    id: 'to',
    header: 'To (UTC)',
    hideable: false,
    className: 'nowrap',
    cell: (s) => (s.to ? formatUtc(s.to) : <span className="muted">not yet</span>),
  },
  { id: 'took', header: 'Took', hideable: false, className: 'num', cell: (s) => formatDuration(s.ms) },
];

export function TimingsTable({ steps, total }: { steps: Step[]; total: ReactNode }) {
  return (
    <DataTable
      label="Timings"
      storageKey="suspension.timings"
      columns={columns}
      rows={steps}
      rowKey={(s) => s.label}
      footer={total}
    />
  );
}
