'use client';
// The puller's windows of the last 14 days on the shared DataTable: gaps first (unread time, long silences),
// then the latest pages read.
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';
import { formatUtc } from '@/lib/format.ts';
import type { WindowGap } from '@/lib/logs/puller/windows.ts';

type Window = {
  logType: string;
  after: string | null;
  until: string | null;
  pulledAt: Date;
  files: number;
  inserted: number;
};

function duration(minutes: number): string {
  return minutes < 120
    ? `${minutes} min`
    : minutes < 48 * 60
      ? `${Math.round(minutes / 60)} h`
      : `${Math.round(minutes / 1440)} days`;
}

const ABOUT = [
  'Each page the puller reads covers a window of one log type, from its cursor to the page’s last end time.',
  'Windows should join, and pulls follow each other within 30 minutes (the platform’s p99 delivery).',
].join(' ');
const UNREAD_MEANS = [
  'A window started after the previous one ended (the cursor was moved or reset at',
  '): events of this interval were never read. Re-ingest them with an upload or',
];
const SILENCE_MEANS = [
  'No successful pull for over 30 minutes: the log type was stale meanwhile.',
  'The cursor kept its place, so the next pull reads what was delivered.',
].join(' ');

const gapFrom = (g: WindowGap) => (g.kind === 'unread' ? g.from : formatUtc(g.from));
const gapTo = (g: WindowGap) => (g.kind === 'unread' ? g.to : formatUtc(g.to));
const gapLabel = (g: WindowGap) => (g.kind === 'unread' ? 'Unread time' : `No pull for ${duration(g.minutes)}`);

const gapColumns: DataColumn<WindowGap>[] = [
  { id: 'type', header: 'Log type', hideable: false, cell: (g) => <code>{g.logType}</code>, csv: (g) => g.logType },
  {
    id: 'gap',
    header: 'Gap',
    hideable: false,
    cell: (g) => <span className="state state-exposed">{gapLabel(g)}</span>,
    csv: gapLabel,
  },
  { id: 'from', header: 'From (UTC)', className: 'nowrap', cell: gapFrom, csv: gapFrom },
  { id: 'to', header: 'To (UTC)', className: 'nowrap', cell: gapTo, csv: gapTo },
  {
    id: 'means',
    header: 'What it means',
    className: 'small',
    cell: (g) =>
      g.kind === 'unread' ? (
        <>
          {UNREAD_MEANS[0]} {formatUtc(g.at)}
          {UNREAD_MEANS[1]} <code>tollgate ingest</code>.
        </>
      ) : (
        SILENCE_MEANS
      ),
    csv: (g) => (g.kind === 'unread' ? 'unread: re-ingest this interval' : 'silence: stale meanwhile'),
  },
];

const windowColumns: DataColumn<Window>[] = [
  {
    id: 'pulled',
    header: 'Pulled (UTC)',
    className: 'nowrap',
    cell: (w) => formatUtc(w.pulledAt),
    csv: (w) => formatUtc(w.pulledAt),
  },
  { id: 'type', header: 'Log type', hideable: false, cell: (w) => <code>{w.logType}</code>, csv: (w) => w.logType },
  { id: 'after', header: 'After', className: 'nowrap', cell: (w) => w.after ?? 'start', csv: (w) => w.after ?? '' },
  {
    id: 'until',
    header: 'Until',
    className: 'nowrap',
    cell: (w) => w.until ?? 'empty page (cursor kept)',
    csv: (w) => w.until ?? '',
  },
  { id: 'files', header: 'Files', className: 'num', cell: (w) => w.files, csv: (w) => w.files },
  {
    id: 'inserted',
    header: 'New events',
    className: 'num',
    cell: (w) => w.inserted.toLocaleString('en-US'),
    csv: (w) => w.inserted,
  },
];

// Rows have no id of their own: the type and the window's place in time tell them apart.
const gapKey = (g: WindowGap) => `${g.logType}|${g.kind}|${gapFrom(g)}`;
const windowKey = (w: Window) => `${w.logType}|${w.pulledAt.toISOString()}|${w.after ?? ''}`;

export function PullerWindows({ windows, gaps }: { windows: Window[]; gaps: WindowGap[] }) {
  return (
    <section className="panel" aria-labelledby="windows-title">
      <h2 id="windows-title">Puller windows</h2>
      <p className="small muted">{ABOUT}</p>
      {gaps.length === 0 ? (
        <p className="small">
          <span className="state state-mitigated">No gaps</span> in the last 14 days.
        </p>
      ) : (
        <>
          <p className="small">
            {gaps.length} gap{gaps.length === 1 ? '' : 's'} in the last 14 days
          </p>
          <DataTable
            label="Puller gaps"
            storageKey="puller-gaps"
            columns={gapColumns}
            rows={gaps}
            rowKey={gapKey}
            csvName="puller-gaps"
          />
        </>
      )}
      {windows.length > 0 && (
        <details>
          <summary className="small">Latest windows read</summary>
          <DataTable
            label="Latest windows read"
            storageKey="puller-windows"
            columns={windowColumns}
            rows={windows.slice(0, 20)}
            rowKey={windowKey}
            csvName="puller-windows"
          />
        </details>
      )}
    </section>
  );
}
