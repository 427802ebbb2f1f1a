'use client';
// The log sources page's lists on the shared DataTable: freshness per log type and the files ingested.
import Link from 'next/link';
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';

export type FreshnessRow = {
  logType: string;
  status: 'live' | 'stale' | 'never';
  events: number;
  /** Time and age, already in words ("… (5 min ago)"). */
  newest: string;
  lastSuccess: string;
  lastError: string;
};

const FRESH: Record<FreshnessRow['status'], { label: string; className: string }> = {
  live: { label: 'Live', className: 'state-mitigated' },
  stale: { label: 'Stale (over 30 min)', className: 'state-exposed' },
  never: { label: 'Never read', className: 'state-none' },
};

const freshnessColumns: DataColumn<FreshnessRow>[] = [
  { id: 'type', header: 'Log type', hideable: false, cell: (f) => <code>{f.logType}</code>, csv: (f) => f.logType },
  {
    id: 'status',
    header: 'Status',
    cell: (f) => <span className={`state ${FRESH[f.status].className}`}>{FRESH[f.status].label}</span>,
    csv: (f) => FRESH[f.status].label,
  },
  {
    id: 'events',
    header: 'Events',
    className: 'num',
    cell: (f) => f.events.toLocaleString('en-US'),
    csv: (f) => f.events,
  },
  { id: 'newest', header: 'Newest event', cell: (f) => f.newest, csv: (f) => f.newest },
  { id: 'pull', header: 'Last successful pull', cell: (f) => f.lastSuccess, csv: (f) => f.lastSuccess },
  { id: 'error', header: 'Last error', className: 'small', cell: (f) => f.lastError, csv: (f) => f.lastError },
];

export function FreshnessTable({ rows }: { rows: FreshnessRow[] }) {
  return (
    <DataTable
      label="Freshness table"
      storageKey="log-freshness"
      columns={freshnessColumns}
      rows={rows}
      rowKey={(f) => f.logType}
    />
  );
}

export type LogFileRow = {
  id: string;
  started: string;
  source: string;
  startedBy: string;
  name: string;
  status: string;
  error: string | null;
  lines: number;
  inserted: number;
  duplicates: number;
  quarantined: number;
  /** First → last event time, or a dash. */
  span: string;
  sha256: string;
  /** The checksum the platform's download gave (`sha-256:<hex>`), which the file matched; null when none was given. */
  platformChecksum: string | null;
};

const count = (n: number) => n.toLocaleString('en-US');
const outcome = (f: LogFileRow) => (f.status === 'repeat' ? 'same file as before' : f.status);

const fileColumns: DataColumn<LogFileRow>[] = [
  { id: 'started', header: 'Started (UTC)', className: 'nowrap', cell: (f) => f.started, csv: (f) => f.started },
  {
    id: 'source',
    header: 'Source',
    cell: (f) => (
      <>
        {f.source}
        <div className="small muted">{f.startedBy}</div>
      </>
    ),
    csv: (f) => `${f.source} (${f.startedBy})`,
  },
  { id: 'file', header: 'File', className: 'wrap', hideable: false, cell: (f) => f.name, csv: (f) => f.name },
  {
    id: 'outcome',
    header: 'Outcome',
    cell: (f) => (
      <>
        {outcome(f)}
        {f.error && <div className="small form-message error">{f.error}</div>}
      </>
    ),
    csv: (f) => (f.error ? `${outcome(f)}: ${f.error}` : outcome(f)),
  },
  { id: 'lines', header: 'Lines', className: 'num', cell: (f) => count(f.lines), csv: (f) => f.lines },
  { id: 'new', header: 'New', className: 'num', cell: (f) => count(f.inserted), csv: (f) => f.inserted },
  {
    id: 'stored',
    header: 'Already stored',
    className: 'num',
    cell: (f) => count(f.duplicates),
    csv: (f) => f.duplicates,
  },
  {
    id: 'quarantined',
    header: 'Quarantined',
    className: 'num',
    cell: (f) => (f.quarantined > 0 ? <Link href={`/alerts/sources/${f.id}`}>{count(f.quarantined)}</Link> : 0),
    csv: (f) => f.quarantined,
  },
  { id: 'span', header: 'Events from → to', className: 'small nowrap', cell: (f) => f.span, csv: (f) => f.span },
  {
    id: 'sha256',
    header: 'SHA-256',
    cell: (f) => (
      <>
        <code title={f.sha256}>{f.sha256.slice(0, 12)}…</code>
        {f.platformChecksum && (
          <div className="small muted" title={f.platformChecksum}>
            matches the platform’s {f.platformChecksum.slice(0, f.platformChecksum.indexOf(':'))}
          </div>
        )}
      </>
    ),
    csv: (f) => f.sha256,
  },
];

export function FilesTable({ rows }: { rows: LogFileRow[] }) {
  return (
    <DataTable
      label="Files ingested table"
      storageKey="log-files"
      columns={fileColumns}
      rows={rows}
      rowKey={(f) => f.id}
      csvName="log-files"
    />
  );
}
