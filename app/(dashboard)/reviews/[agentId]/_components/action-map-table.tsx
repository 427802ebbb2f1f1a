import type { MappedAction } from '../../../../../lib/reviews/action-map.ts';

const GATE_LABELS = { human_required: 'Human approval', logged: 'Logged only', none: 'None' } as const;

/** Every action the agent can take, with its gate against the approval policy; violations in red with the fix. */
export function ActionMapTable({ actions, excused }: { actions: MappedAction[]; excused: string[] }) {
  if (actions.length === 0) return <p className="muted">The agent can take no action through its connectors.</p>;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Action map table">
      <table className="table">
        <thead><tr><th>App</th><th>Action</th><th>Access</th><th>Sends outside</th><th>Approval category</th><th>Gate</th><th>Against the policy</th></tr></thead>
        <tbody>
          {actions.map((a) => {
            const covered = a.violation && a.category !== null && excused.includes(a.category);
            return (
              <tr key={`${a.app}/${a.action}`} className={a.violation && !covered ? 'row-violation' : undefined}>
                <td><code>{a.app}</code></td>
                <td>{a.action === '*' ? <em>every tool (unknown)</em> : <code>{a.action}</code>}</td>
                <td>{a.access}</td>
                <td>{a.externalSend ? 'yes' : 'no'}</td>
                <td>{a.category ? <code>{a.category}</code> : <span className="muted">—</span>}</td>
                <td>{GATE_LABELS[a.gate]}</td>
                <td>
                  {!a.violation ? <span className="state state-mitigated">OK</span>
                    : covered ? <span className="state state-accepted">Covered by an exception</span>
                      : <><span className="state state-exposed">Violation: needs a human gate</span><div className="small">{a.fix}</div></>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
