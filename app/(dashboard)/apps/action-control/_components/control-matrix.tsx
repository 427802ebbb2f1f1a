'use client';
// Action control per app on the shared DataTable: the approved baseline beside the observed configuration,
// departures highlighted, and whether the observed control closes the app's external-send leg of the trifecta.
import Link from 'next/link';
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';
import type { ControlDeparture } from '@/lib/action-control/compare.ts';
import { packKeyOf, type ControlSpec } from '@/lib/action-control/types.ts';
import '@/app/(dashboard)/roles/_components/matrix.css';

export type ControlRow = {
  appId: string;
  name: string;
  baseline: ControlSpec | null;
  observed: ControlSpec | null;
  closesSends: boolean | null;
};

function ControlCell({
  control,
  missing,
  departs,
}: {
  control: ControlSpec | null;
  missing: string;
  departs: Set<string>;
}) {
  if (!control) return <span className="muted small">{missing}</span>;
  const mark = (field: string, text: React.ReactNode) =>
    departs.has(field) ? (
      <strong className="departs-text" title="differs from the baseline">
        {text}
      </strong>
    ) : (
      text
    );
  return (
    <div className="control-cell">
      <span>
        {mark('enabled', control.enabled ? 'enabled' : 'disabled')} ·{' '}
        <span className={`mode mode-${control.mode}`}>{mark('mode', control.mode)}</span>
      </span>
      {control.mode === 'custom' && (
        <>
          <span>allowed: {mark('allowedActions', control.allowedActions.join(', ') || '—')}</span>
          <span>denied: {mark('deniedActions', control.deniedActions.join(', ') || '—')}</span>
        </>
      )}
      <span>new actions: {mark('newActionsDefault', control.newActionsDefault)}</span>
    </div>
  );
}

/** A control in one line of words, for the CSV. */
function controlText(control: ControlSpec | null, missing: string): string {
  if (!control) return missing;
  const custom =
    control.mode === 'custom'
      ? `; allowed: ${control.allowedActions.join(', ') || '—'}; denied: ${control.deniedActions.join(', ') || '—'}`
      : '';
  const state = control.enabled ? 'enabled' : 'disabled';
  return `${state} · ${control.mode}${custom}; new actions: ${control.newActionsDefault}`;
}

function closesText(row: ControlRow, hasObserved: boolean): string {
  if (row.closesSends === null) return 'sends nothing';
  if (!hasObserved || !row.observed) return 'no observed control';
  return row.closesSends ? 'yes' : 'no';
}

type MatrixRow = ControlRow & { departs: Set<string> };

function matrixColumns(hasObserved: boolean, editable: boolean): DataColumn<MatrixRow>[] {
  const observedMissing = hasObserved ? 'not in the export' : '—';
  const columns: DataColumn<MatrixRow>[] = [
    {
      id: 'app',
      header: 'App',
      hideable: false,
      rowHeader: true,
      cell: (row) => (
        <>
          <strong>{row.name}</strong>
          <div className="mono small muted">{packKeyOf(row.appId)}</div>
        </>
      ),
      csv: (row) => packKeyOf(row.appId),
    },
    {
      id: 'baseline',
      header: 'Approved',
      cell: (row) => <ControlCell control={row.baseline} missing="no baseline" departs={new Set()} />,
      csv: (row) => controlText(row.baseline, 'no baseline'),
    },
    {
      id: 'observed',
      header: 'Observed',
      headerClassName: 'side-observed',
      className: 'bit-observed',
      cellClassName: (row) => (hasObserved && row.departs.size > 0 ? 'departs' : undefined),
      cell: (row) => (
        <>
          <ControlCell control={row.observed} missing={observedMissing} departs={row.departs} />
          {hasObserved && row.departs.size > 0 && <span className="departs-mark">differs</span>}
        </>
      ),
      csv: (row) => controlText(row.observed, observedMissing),
    },
    {
      id: 'closes',
      header: 'Closes external send?',
      className: 'small',
      cell: (row) =>
        row.closesSends === null ? (
          <span className="muted">sends nothing</span>
        ) : !hasObserved || !row.observed ? (
          <span className="muted">no observed control</span>
        ) : row.closesSends ? (
          <span className="state state-mitigated">yes</span>
        ) : (
          <span className="state state-exposed">no</span>
        ),
      csv: (row) => closesText(row, hasObserved),
    },
  ];
  if (editable)
    columns.push({
      id: 'edit',
      header: 'Edit',
      headerHidden: true,
      hideable: false,
      cell: (row) => (
        <Link
          className="button button-small"
          href={`/apps/action-control?edit=${encodeURIComponent(row.appId)}#editor`}
        >
          Edit
        </Link>
      ),
    });
  return columns;
}

export function ControlMatrix({
  rows,
  departures,
  hasObserved,
  editable,
}: {
  rows: ControlRow[];
  departures: ControlDeparture[];
  hasObserved: boolean;
  editable: boolean;
}) {
  const fieldsOf = (appId: string) =>
    new Set(departures.flatMap((d) => (d.appId === appId ? [d.kind === 'field' ? d.field : d.kind] : [])));
  const matrix = rows.map((row) => ({ ...row, departs: fieldsOf(row.appId) }));
  return (
    <DataTable
      label="Action control matrix"
      storageKey="action-control"
      className="matrix-table"
      columns={matrixColumns(hasObserved, editable)}
      rows={matrix}
      rowKey={(row) => row.appId}
      rowClassName={(row) => (hasObserved && row.departs.size > 0 ? 'row-missing' : undefined)}
      csvName="action-control"
    />
  );
}
