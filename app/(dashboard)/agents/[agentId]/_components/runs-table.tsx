'use client';
// The agent's last runs on the shared DataTable: who invoked it, outcome, duration, connector calls.
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';

export type RunCall = { id: string; name: string; approval: 'asked' | 'not asked' | null; status: string | null };
export type RunRow = {
  runId: string;
  started: string;
  invokedBy: string;
  via: string | null;
  shared: boolean;
  status: string;
  failure: string | null;
  duration: string;
  calls: RunCall[];
  memoryOps: number;
  skillUses: number;
};

function Calls({ calls }: { calls: RunCall[] }) {
  if (calls.length === 0) return '—';
  return calls.map((c) => (
    <div key={c.id}>
      <code>{c.name}</code>{' '}
      {c.approval === 'not asked' ? (
        <span className="tag tag-warn">no approval asked</span>
      ) : c.approval === 'asked' ? (
        <span className="muted">approval asked</span>
      ) : null}{' '}
      {c.status && <span className="muted">· {c.status}</span>}
    </div>
  ));
}

const columns: DataColumn<RunRow>[] = [
  {
    id: 'started',
    header: 'Started (UTC)',
    className: 'nowrap',
    hideable: false,
    cell: (r) => r.started,
    csv: (r) => r.started,
  },
  {
    id: 'invoker',
    header: 'Invoked by',
    cell: (r) => (
      <>
        {r.invokedBy}
        {r.via && <span className="small muted"> via {r.via}</span>}
        {r.shared && <span className="tag tag-warn">shared credentials</span>}
      </>
    ),
    csv: (r) => `${r.invokedBy}${r.via ? ` via ${r.via}` : ''}${r.shared ? ' (shared credentials)' : ''}`,
  },
  {
    id: 'outcome',
    header: 'Outcome',
    cell: (r) => (
      <>
        {r.status}
        {r.failure && <div className="small muted">{r.failure}</div>}
      </>
    ),
    csv: (r) => (r.failure ? `${r.status}: ${r.failure}` : r.status),
  },
  { id: 'duration', header: 'Duration', className: 'num', cell: (r) => r.duration, csv: (r) => r.duration },
  {
    id: 'calls',
    header: 'Connector calls',
    className: 'small',
    cell: (r) => <Calls calls={r.calls} />,
    csv: (r) => r.calls.map((c) => `${c.name}${c.approval ? ` (approval ${c.approval})` : ''}`).join('; '),
  },
  {
    id: 'memory',
    header: 'Memory / skills',
    className: 'small',
    cell: (r) => `${r.memoryOps} memory op(s), ${r.skillUses} skill use(s)`,
    csv: (r) => `${r.memoryOps} memory op(s), ${r.skillUses} skill use(s)`,
  },
];

export function RunsTable({ rows, agentId }: { rows: RunRow[]; agentId: string }) {
  return (
    <DataTable
      label="Last runs table"
      storageKey="agent-runs"
      columns={columns}
      rows={rows}
      rowKey={(r) => r.runId}
      csvName={`runs-${agentId}`}
    />
  );
}
