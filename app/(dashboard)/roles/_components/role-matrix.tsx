// The role matrix: each role × the five dimensions, approved baseline beside the observed configuration,
// departures highlighted, with the IdP group each role is mapped to and its active members.
import Link from 'next/link';
import { ActionForm } from '@/components/ui/action-form.tsx';
import { removeBaselineRoleAction } from '@/lib/roles/actions.ts';
import type { RoleDeparture } from '@/lib/roles/compare.ts';
import { DIMENSION_LABELS, DIMENSIONS, HIGH_RISK, type Dimension, type RoleSpec } from '@/lib/roles/dimensions.ts';
import './matrix.css';
import { ScrollRegion } from '@/components/ui/scroll-region.tsx';

export type MatrixRow = {
  name: string;
  baseline: RoleSpec | null;
  observed: RoleSpec | null;
  /** Active members of each side's group; null when the group is not in the roster. */
  baselineMembers: number | null;
  observedMembers: number | null;
  direct: number;
};

function Bit({
  on,
  dimension,
  side,
  departs,
}: {
  on: boolean | undefined;
  dimension: Dimension;
  side: 'baseline' | 'observed';
  departs: boolean;
}) {
  const risk = HIGH_RISK.includes(dimension) ? ' bit-risk' : '';
  return (
    <td className={`bit bit-${side}${departs ? ' departs' : ''}`}>
      {on === undefined ? (
        <span className="muted" role="img" aria-label="no such role">
          ·
        </span>
      ) : (
        <span className={`${on ? 'bit-on' : 'bit-off'}${risk}`} role="img" aria-label={on ? 'granted' : 'not granted'}>
          {on ? '✓' : '—'}
        </span>
      )}
      {departs && <span className="departs-mark">differs</span>}
    </td>
  );
}

function members(n: number | null) {
  return n === null ? 'group not in roster' : `${n} active member${n === 1 ? '' : 's'}`;
}

export function RoleMatrix({
  workspaceId,
  rows,
  departures,
  hasObserved,
  editable,
}: {
  workspaceId: string;
  rows: MatrixRow[];
  departures: RoleDeparture[];
  hasObserved: boolean;
  editable: boolean;
}) {
  const departs = (role: string, dimension: Dimension) =>
    departures.some((d) => d.kind === 'dimension' && d.role === role && d.dimension === dimension);
  return (
    // Stays a plain table: its columns are data (a baseline and an observed column per permission dimension, under
    // a two-row header), and each row is headed by its role; a DataTable has one header row of fixed columns.
    <ScrollRegion label="Agent role matrix">
      <table className="table matrix-table">
        <thead>
          <tr>
            <th rowSpan={hasObserved ? 2 : 1} scope="col">
              Role
            </th>
            <th rowSpan={hasObserved ? 2 : 1} scope="col">
              IdP group · members
            </th>
            {DIMENSIONS.map((d) => (
              <th key={d} className="dim" colSpan={hasObserved ? 2 : 1} scope="colgroup">
                {DIMENSION_LABELS[d]}
                {HIGH_RISK.includes(d) && <span className="visually-hidden"> (high risk)</span>}
              </th>
            ))}
            {editable && (
              <th rowSpan={hasObserved ? 2 : 1}>
                <span className="visually-hidden">Edit</span>
              </th>
            )}
          </tr>
          {hasObserved && (
            <tr>
              {DIMENSIONS.flatMap((d) => [
                <th key={`${d}-b`} className="side" scope="col">
                  <abbr title="Approved baseline">Appr.</abbr>
                </th>,
                <th key={`${d}-o`} className="side side-observed" scope="col">
                  <abbr title="Observed in the workspace">Obs.</abbr>
                </th>,
              ])}
            </tr>
          )}
        </thead>
        <tbody>
          {rows.map((row) => {
            const groupDeparts = departures.some((d) => d.kind === 'group' && d.role === row.name);
            const cls =
              hasObserved && !row.observed
                ? 'row-missing'
                : hasObserved && !row.baseline && row.observed && DIMENSIONS.some((d) => row.observed!.permissions[d])
                  ? 'row-extra'
                  : '';
            return (
              <tr key={row.name} className={cls}>
                <th scope="row">
                  <strong>{row.name}</strong>
                  {row.baseline?.description && <div className="small muted">{row.baseline.description}</div>}
                  {hasObserved && !row.observed && <span className="tag tag-warn">missing in the workspace</span>}
                  {!row.baseline && <span className="tag tag-warn">not in the baseline</span>}
                </th>
                <td>
                  <div className="group-cell small">
                    {row.baseline && (
                      <span>
                        <span className="mono">{row.baseline.groupName ?? 'no group'}</span> ·{' '}
                        {row.baseline.groupName ? members(row.baselineMembers) : 'unmapped'}
                      </span>
                    )}
                    {row.observed && (groupDeparts || !row.baseline) && (
                      <span className={groupDeparts ? 'departs-text' : undefined}>
                        observed: <span className="mono">{row.observed.groupName ?? 'no group'}</span>
                        {row.observed.groupName ? ` · ${members(row.observedMembers)}` : ''}
                      </span>
                    )}
                    {row.direct > 0 && <span className="departs-text">{row.direct} assigned directly</span>}
                  </div>
                </td>
                {DIMENSIONS.flatMap((d) => {
                  const cells = [
                    <Bit
                      key={`${d}-b`}
                      on={row.baseline?.permissions[d]}
                      dimension={d}
                      side="baseline"
                      departs={false}
                    />,
                  ];
                  if (hasObserved)
                    cells.push(
                      <Bit
                        key={`${d}-o`}
                        on={row.observed?.permissions[d]}
                        dimension={d}
                        side="observed"
                        departs={departs(row.name, d)}
                      />,
                    );
                  return cells;
                })}
                {editable && (
                  <td className="nowrap row-actions">
                    {row.baseline && (
                      <Link className="button button-small" href={`/roles?edit=${encodeURIComponent(row.name)}#editor`}>
                        Edit
                      </Link>
                    )}
                    {row.baseline && (
                      <ActionForm
                        action={removeBaselineRoleAction}
                        className="inline"
                        label={`Remove ${row.name} from the baseline`}
                      >
                        <input type="hidden" name="workspaceId" value={workspaceId} />
                        <input type="hidden" name="name" value={row.name} />
                        <button className="button button-small button-danger" type="submit">
                          Remove
                        </button>
                      </ActionForm>
                    )}
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
