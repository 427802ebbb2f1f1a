'use client';
// The runbook's list of suspensions and drills, newest first. The page renders the badges and the ticking
// clock (their modules sit beside server-only suspension reads) and hands them over with their text for the CSV.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';
import { TARGET_MINUTES } from '@/lib/suspensions/timings.ts';

export type SuspensionRow = {
  id: string;
  /** When it was triggered, or when it is scheduled for, already formatted. */
  triggered: string;
  agentName: string;
  externalId: string;
  kind: string;
  kindBadge: ReactNode;
  triggeredBy: string;
  state: ReactNode;
  stateText: string;
  /** The total, or the ticking clock while the console step is outstanding. */
  total: ReactNode;
  totalText: string;
  /** The verdict against the target, or null while the clock runs. */
  verdict: ReactNode;
  verdictText: string;
  restoreWorked: boolean | null;
};

const restore = (s: SuspensionRow) =>
  s.kind !== 'drill' ? '—' : s.restoreWorked === null ? null : s.restoreWorked ? 'yes' : 'no';

const columns: DataColumn<SuspensionRow>[] = [
  {
    id: 'triggered',
    header: 'Triggered (UTC)',
    hideable: false,
    className: 'nowrap',
    cell: (s) => <Link href={`/suspensions/${encodeURIComponent(s.id)}`}>{s.triggered}</Link>,
    csv: (s) => s.triggered,
  },
  {
    id: 'agent',
    header: 'Agent',
    hideable: false,
    cell: (s) => (
      <>
        {s.agentName} <span className="small muted mono">{s.externalId}</span>
      </>
    ),
    csv: (s) => `${s.agentName} (${s.externalId})`,
  },
  { id: 'kind', header: 'Kind', cell: (s) => s.kindBadge, csv: (s) => s.kind },
  { id: 'by', header: 'By', cell: (s) => s.triggeredBy, csv: (s) => s.triggeredBy },
  { id: 'state', header: 'State', cell: (s) => s.state, csv: (s) => s.stateText },
  { id: 'total', header: 'Total', className: 'num', cell: (s) => s.total, csv: (s) => s.totalText },
  {
    id: 'target',
    header: `${TARGET_MINUTES} min`,
    cell: (s) => s.verdict ?? <span className="muted">—</span>,
    csv: (s) => s.verdictText,
  },
  {
    id: 'restore',
    header: 'Restore worked',
    cell: (s) => restore(s) ?? <span className="muted">—</span>,
    csv: (s) => restore(s) ?? '',
  },
];

export function SuspensionsTable({ rows }: { rows: SuspensionRow[] }) {
  return (
    <DataTable
      label="Suspensions and drills"
      storageKey="runbook.suspensions"
      columns={columns}
      rows={rows}
      rowKey={(s) => s.id}
      csvName="suspensions-and-drills"
    />
  );
}
