// One row per category or action: the workspace's gate, the guide's, and the catalogue actions it covers.
import type { Gate, PolicyDeparture } from '@/lib/reviews/policy-pack.ts';
import { ScrollRegion } from '@/components/ui/scroll-region.tsx';

export type PolicyRow = { name: string; gate: Gate; guide: Gate; actions: string[]; departure: PolicyDeparture | null };

export const GATE_LABELS: Record<Gate, string> = {
  human_required: 'Human approval required',
  logged: 'Logged only',
  none: 'Not required',
};

function Departure({ departure }: { departure: PolicyDeparture | null }) {
  if (!departure) return <span className="state state-none">As the guide</span>;
  if (departure.direction === 'weaker')
    return (
      <span className="state state-exposed" title={departure.message}>
        Weaker than the guide
      </span>
    );
  return (
    <span className="state state-mitigated" title={departure.message}>
      Stricter than the guide
    </span>
  );
}

export function PolicyTable({ rows }: { rows: PolicyRow[] }) {
  return (
    <ScrollRegion label="Approval policy table">
      <table className="table">
        <thead>
          <tr>
            <th>Category or action</th>
            <th>Gate</th>
            <th>Guide’s default</th>
            <th>Compared with the guide</th>
            <th>Catalogue actions in it</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name}>
              <td>
                <code>{row.name}</code>
              </td>
              <td>
                {row.gate === 'human_required' ? <strong>{GATE_LABELS[row.gate]}</strong> : GATE_LABELS[row.gate]}
              </td>
              <td className="muted">{GATE_LABELS[row.guide]}</td>
              <td>
                <Departure departure={row.departure} />
              </td>
              <td className="small">
                {row.actions.length === 0 ? <span className="muted">No catalogue action</span> : row.actions.join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
