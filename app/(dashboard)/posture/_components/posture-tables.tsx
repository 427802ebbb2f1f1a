'use client';
// The posture page's two lists on the shared DataTable: the score of each section of the guide, and each
// control with its status, score, first reason and next step. The page sorts the controls from the URL.
import Link from 'next/link';
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';
import type { ControlStatus, Level } from '@/lib/posture/types.ts';
import { ControlStatusBadge, Score } from './status-badge.tsx';

export type SectionRow = { section: number; title: string; score: number | null };

export type ControlRow = {
  id: string;
  title: string;
  level: Level | null;
  status: ControlStatus;
  score: number | null;
  /** The first reason, with how many more there are. */
  why: string;
  next: string | null;
};

const scoreText = (v: number | null) => (v === null ? '' : String(v));

const sectionColumns: DataColumn<SectionRow>[] = [
  { id: 'section', header: 'Section', hideable: false, cell: (s) => `${s.section}. ${s.title}` },
  { id: 'score', header: 'Score', hideable: false, className: 'num', cell: (s) => <Score value={s.score} /> },
];

const controlColumns: DataColumn<ControlRow>[] = [
  {
    id: 'control',
    header: 'Control',
    sort: 'asc',
    hideable: false,
    cell: (c) => (
      <Link href={`/posture/${c.id}`}>
        {c.id} {c.title}
      </Link>
    ),
    csv: (c) => `${c.id} ${c.title}`,
  },
  { id: 'level', header: 'Level', sort: 'asc', cell: (c) => c.level ?? '—', csv: (c) => c.level ?? '' },
  {
    id: 'status',
    header: 'Status',
    sort: 'asc',
    hideable: false,
    cell: (c) => <ControlStatusBadge status={c.status} />,
    csv: (c) => c.status,
  },
  {
    id: 'score',
    header: 'Score',
    sort: 'asc',
    className: 'num',
    cell: (c) => <Score value={c.score} />,
    csv: (c) => scoreText(c.score),
  },
  { id: 'why', header: 'Why', className: 'small', cell: (c) => c.why, csv: (c) => c.why },
  { id: 'next', header: 'Next step', className: 'small', cell: (c) => c.next ?? '—', csv: (c) => c.next ?? '' },
];

export function SectionsTable({ rows }: { rows: SectionRow[] }) {
  return (
    <DataTable
      label="Section scores"
      storageKey="posture.sections"
      columns={sectionColumns}
      rows={rows}
      rowKey={(s) => String(s.section)}
    />
  );
}

export function ControlsTable({ rows }: { rows: ControlRow[] }) {
  return (
    <DataTable
      label="Controls table"
      storageKey="posture.controls"
      columns={controlColumns}
      rows={rows}
      rowKey={(c) => c.id}
      csvName="posture-controls"
    />
  );
}
