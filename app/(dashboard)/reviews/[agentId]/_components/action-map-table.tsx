import { TechId } from '@/components/ui/tech-id.tsx';
import type { MappedAction } from '@/lib/reviews/action-map.ts';
import { categoryLabel } from '@/lib/reviews/category-labels.ts';
import { ScrollRegion } from '@/components/ui/scroll-region.tsx';

const GATE_LABELS = { human_required: 'Human approval', logged: 'Logged only', none: 'None' } as const;

/**
 * Every action the agent can take, with its gate against the approval policy; violations in red with the fix.
 * An ungated external send that keeps an exposed agent's trifecta open is refused too, even when the policy
 * names no category for it: the same rows the refusal lists (lib/reviews/trifecta-sends.ts).
 */
export function ActionMapTable({ actions, excused }: { actions: MappedAction[]; excused: string[] }) {
  if (actions.length === 0) return <p className="muted">The agent can take no action through its connectors.</p>;
  return (
    <ScrollRegion label="Action map table">
      <table className="table">
        <thead>
          <tr>
            <th>App</th>
            <th>Action</th>
            <th>Access</th>
            <th>Sends outside</th>
            <th>Approval category</th>
            <th>Gate</th>
            <th>Against the policy</th>
          </tr>
        </thead>
        <tbody>
          {actions.map((a) => {
            const covered = a.violation && a.category !== null && excused.includes(a.category);
            const refused = (a.violation && !covered) || a.keepsTrifectaOpen;
            return (
              <tr key={`${a.app}/${a.action}`} className={refused ? 'row-violation' : undefined}>
                <td>
                  <code>{a.app}</code>
                </td>
                <td>{a.action === '*' ? <em>every tool (unknown)</em> : <code>{a.action}</code>}</td>
                <td>{a.access}</td>
                <td>{a.externalSend ? 'yes' : 'no'}</td>
                <td>
                  {a.category ? (
                    <>
                      {categoryLabel(a.category)}
                      <div>
                        <TechId value={a.category} label="category" />
                      </div>
                    </>
                  ) : (
                    <span className="muted">none</span>
                  )}
                </td>
                <td>{GATE_LABELS[a.gate]}</td>
                <td>
                  {a.violation && !covered ? (
                    <>
                      <span className="state state-exposed">Violation: needs a human gate</span>
                      <div className="small">{a.fix}</div>
                    </>
                  ) : a.keepsTrifectaOpen ? (
                    <>
                      <span className="state state-exposed">Refused: keeps the trifecta open</span>
                      <div className="small">
                        An external send with no human approval on an agent that also reads private data and untrusted
                        content. {a.fix}
                      </div>
                    </>
                  ) : covered ? (
                    <span className="state state-accepted">Covered by an exception</span>
                  ) : (
                    <span className="state state-mitigated">OK</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
