// Action control per app: the approved baseline beside the observed configuration, departures highlighted,
// and whether the observed control closes the app's external-send leg of the trifecta.
import Link from 'next/link';
import type { ControlDeparture } from '@/lib/action-control/compare.ts';
import { packKeyOf, type ControlSpec } from '@/lib/action-control/types.ts';
import '@/app/(dashboard)/roles/_components/matrix.css';
import { ScrollRegion } from '@/components/ui/scroll-region.tsx';

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
  return (
    <ScrollRegion label="Action control matrix">
      <table className="table matrix-table">
        <thead>
          <tr>
            <th scope="col">App</th>
            <th scope="col">Approved</th>
            <th scope="col" className="side-observed">
              Observed
            </th>
            <th scope="col">Closes external send?</th>
            {editable && (
              <th>
                <span className="visually-hidden">Edit</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const fields = fieldsOf(row.appId);
            const departs = hasObserved && fields.size > 0;
            return (
              <tr key={row.appId} className={departs ? 'row-missing' : ''}>
                <th scope="row">
                  <strong>{row.name}</strong>
                  <div className="mono small muted">{packKeyOf(row.appId)}</div>
                </th>
                <td>
                  <ControlCell control={row.baseline} missing="no baseline" departs={new Set()} />
                </td>
                <td className={`bit-observed${departs ? ' departs' : ''}`}>
                  <ControlCell
                    control={row.observed}
                    missing={hasObserved ? 'not in the export' : '—'}
                    departs={fields}
                  />
                  {departs && <span className="departs-mark">differs</span>}
                </td>
                <td className="small">
                  {row.closesSends === null ? (
                    <span className="muted">sends nothing</span>
                  ) : !hasObserved || !row.observed ? (
                    <span className="muted">no observed control</span>
                  ) : row.closesSends ? (
                    <span className="state state-mitigated">yes</span>
                  ) : (
                    <span className="state state-exposed">no</span>
                  )}
                </td>
                {editable && (
                  <td>
                    <Link
                      className="button button-small"
                      href={`/apps/action-control?edit=${encodeURIComponent(row.appId)}#editor`}
                    >
                      Edit
                    </Link>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
