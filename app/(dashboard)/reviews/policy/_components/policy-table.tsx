'use client';
// One row per category or action: the workspace's gate, the guide's, and the catalogue actions it covers.
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';
import type { Gate, PolicyDeparture } from '@/lib/reviews/policy-pack.ts';

export type PolicyRow = { name: string; gate: Gate; guide: Gate; actions: string[]; departure: PolicyDeparture | null };

const GATE_LABELS: Record<Gate, string> = {
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

const gateText = (g: Gate) => GATE_LABELS[g];
const departureText = (d: PolicyDeparture | null) => {
  if (!d) return 'As the guide';
  return d.direction === 'weaker' ? 'Weaker than the guide' : 'Stricter than the guide';
};

const columns: DataColumn<PolicyRow>[] = [
  {
    id: 'name',
    header: 'Category or action',
    hideable: false,
    cell: (row) => <code>{row.name}</code>,
    csv: (row) => row.name,
  },
  {
    id: 'gate',
    header: 'Gate',
    hideable: false,
    cell: (row) => (row.gate === 'human_required' ? <strong>{gateText(row.gate)}</strong> : gateText(row.gate)),
    csv: (row) => gateText(row.gate),
  },
  {
    id: 'guide',
    header: 'Guide’s default',
    className: 'muted',
    cell: (row) => gateText(row.guide),
    csv: (row) => gateText(row.guide),
  },
  {
    id: 'departure',
    header: 'Compared with the guide',
    cell: (row) => <Departure departure={row.departure} />,
    csv: (row) => departureText(row.departure),
  },
  {
    id: 'actions',
    header: 'Catalogue actions in it',
    className: 'small',
    cell: (row) =>
      row.actions.length === 0 ? <span className="muted">No catalogue action</span> : row.actions.join(', '),
    csv: (row) => row.actions.join(', '),
  },
];

export function PolicyTable({ rows }: { rows: PolicyRow[] }) {
  return (
    <DataTable
      label="Approval policy table"
      storageKey="reviews.policy"
      columns={columns}
      rows={rows}
      rowKey={(row) => row.name}
      csvName="approval-policy"
    />
  );
}
