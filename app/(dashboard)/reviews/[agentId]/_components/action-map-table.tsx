'use client';
// Every action the agent can take, with its gate against the approval policy; violations in red with the fix.
// An ungated external send that keeps an exposed agent's trifecta open is refused too, even when the policy
// names no category for it: the same rows the refusal lists (lib/reviews/trifecta-sends.ts).
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';
import { TechId } from '@/components/ui/tech-id.tsx';
import type { MappedAction } from '@/lib/reviews/action-map.ts';
import { categoryLabel } from '@/lib/reviews/category-labels.ts';

const GATE_LABELS = { human_required: 'Human approval', logged: 'Logged only', none: 'None' } as const;

/** An action with its verdict: a violation an exception covers is not refused. */
type ActionRow = MappedAction & { covered: boolean; refused: boolean };

function verdictText(a: ActionRow): string {
  if (a.violation && !a.covered) return 'Violation: needs a human gate';
  if (a.keepsTrifectaOpen) return 'Refused: keeps the trifecta open';
  return a.covered ? 'Covered by an exception' : 'OK';
}

function Verdict({ a }: { a: ActionRow }) {
  if (a.violation && !a.covered)
    return (
      <>
        <span className="state state-exposed">{verdictText(a)}</span>
        <div className="small">{a.fix}</div>
      </>
    );
  if (a.keepsTrifectaOpen)
    return (
      <>
        <span className="state state-exposed">{verdictText(a)}</span>
        <div className="small">
          An external send with no human approval on an agent that also reads private data and untrusted content.{' '}
          {a.fix}
        </div>
      </>
    );
  if (a.covered) return <span className="state state-accepted">{verdictText(a)}</span>;
  return <span className="state state-mitigated">OK</span>;
}

const columns: DataColumn<ActionRow>[] = [
  { id: 'app', header: 'App', hideable: false, cell: (a) => <code>{a.app}</code>, csv: (a) => a.app },
  {
    id: 'action',
    header: 'Action',
    hideable: false,
    cell: (a) => (a.action === '*' ? <em>every tool (unknown)</em> : <code>{a.action}</code>),
    csv: (a) => (a.action === '*' ? 'every tool (unknown)' : a.action),
  },
  { id: 'access', header: 'Access', cell: (a) => a.access, csv: (a) => a.access },
  {
    id: 'external',
    header: 'Sends outside',
    cell: (a) => (a.externalSend ? 'yes' : 'no'),
    csv: (a) => (a.externalSend ? 'yes' : 'no'),
  },
  {
    id: 'category',
    header: 'Approval category',
    cell: (a) =>
      a.category ? (
        <>
          {categoryLabel(a.category)}
          <div>
            <TechId value={a.category} label="category" />
          </div>
        </>
      ) : (
        <span className="muted">none</span>
      ),
    csv: (a) => a.category ?? '',
  },
  { id: 'gate', header: 'Gate', cell: (a) => GATE_LABELS[a.gate], csv: (a) => GATE_LABELS[a.gate] },
  {
    id: 'verdict',
    header: 'Against the policy',
    hideable: false,
    cell: (a) => <Verdict a={a} />,
    csv: verdictText,
  },
];

export function ActionMapTable({ actions, excused }: { actions: MappedAction[]; excused: string[] }) {
  if (actions.length === 0) return <p className="muted">The agent can take no action through its connectors.</p>;
  const rows = actions.map((a): ActionRow => {
    const covered = a.violation && a.category !== null && excused.includes(a.category);
    return { ...a, covered, refused: (a.violation && !covered) || a.keepsTrifectaOpen === true };
  });
  return (
    <DataTable
      label="Action map table"
      storageKey="review.action-map"
      columns={columns}
      rows={rows}
      rowKey={(a) => `${a.app}/${a.action}`}
      rowClassName={(a) => (a.refused ? 'row-violation' : undefined)}
      csvName="action-map"
    />
  );
}
