'use client';
// The changes a previewed import would make, by kind (the first 200 of each; counts are exact), each row
// with its risk: the apps as the catalogue names them, what the catalogue does not know, and the state after.
// On the shared DataTable, each list downloadable as CSV.
import { StateBadge, stateLabel } from '@/components/agents/legs.tsx';
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';
import type { RowRisk } from '@/lib/agents/import/preview-risk.ts';
import type { ImportPreview } from '@/lib/agents/import/service.ts';

type Change = ImportPreview['changed'][number]['changes'][number];
type Created = ImportPreview['created'][number];
type Changed = ImportPreview['changed'][number];

function describeChange(c: Change): string {
  if (c.kind === 'apps_changed')
    return [c.added.length ? `+${c.added.join(', +')}` : '', c.removed.length ? `−${c.removed.join(', −')}` : '']
      .filter(Boolean)
      .join(' ');
  if (c.kind === 'back_in_export') return 'listed again';
  return `${c.kind.replace('_', ' ')} ${c.from} → ${c.to}`;
}

function Apps({ apps, risk }: { apps: string[]; risk?: RowRisk }) {
  // Previews stored before risk was computed only have the apps as written.
  if (!risk) return apps.join(', ') || <span className="muted">no apps</span>;
  const empty = risk.resolved.length + risk.unknownApps.length + risk.unclassifiedMcp.length === 0;
  return (
    <>
      {risk.resolved.join(', ')}
      {empty && <span className="muted">no apps</span>}
      {risk.unknownApps.length > 0 && (
        <div className="small">
          Not in the catalogue:{' '}
          {risk.unknownApps.map((a) => (
            <span key={a} className="chip chip-unknown">
              {a}
            </span>
          ))}
        </div>
      )}
      {risk.unclassifiedMcp.length > 0 && (
        <div className="small">
          Unclassified MCP server{risk.unclassifiedMcp.length === 1 ? '' : 's'} (counted as all three risks):{' '}
          {risk.unclassifiedMcp.map((a) => (
            <span key={a} className="chip chip-unknown">
              {a}
            </span>
          ))}
        </div>
      )}
    </>
  );
}

function appsText(apps: string[], risk?: RowRisk): string {
  if (!risk) return apps.join(', ');
  return [...risk.resolved, ...risk.unknownApps, ...risk.unclassifiedMcp].join(', ');
}

function State({ risk }: { risk?: RowRisk }) {
  if (!risk) return <span className="muted">—</span>;
  return (
    <>
      {risk.before !== null && risk.before !== risk.state && (
        <>
          <StateBadge state={risk.before} /> →{' '}
        </>
      )}
      <StateBadge state={risk.state} />
      {risk.becomesExposed && (
        <div className="small count-exposed">
          <strong>Would become exposed</strong>
        </div>
      )}
    </>
  );
}

function stateText(risk?: RowRisk): string {
  if (!risk) return '';
  const before = risk.before !== null && risk.before !== risk.state ? `${stateLabel(risk.before)} → ` : '';
  return `${before}${stateLabel(risk.state)}${risk.becomesExposed ? ' (would become exposed)' : ''}`;
}

function agentColumn<T extends { agentId: string; name: string }>(): DataColumn<T> {
  return {
    id: 'agent',
    header: 'Agent',
    hideable: false,
    cell: (a) => (
      <>
        <strong>{a.name || a.agentId}</strong> <span className="muted mono small">{a.agentId}</span>
      </>
    ),
    csv: (a) => a.agentId,
  };
}

const createdColumns: DataColumn<Created>[] = [
  agentColumn<Created>(),
  {
    id: 'apps',
    header: 'Apps (catalogue names)',
    cell: (a) => <Apps apps={a.apps} risk={a.risk} />,
    csv: (a) => appsText(a.apps, a.risk),
  },
  {
    id: 'after',
    header: 'After import',
    className: 'nowrap',
    cell: (a) => <State risk={a.risk} />,
    csv: (a) => stateText(a.risk),
  },
];

const changedColumns: DataColumn<Changed>[] = [
  agentColumn<Changed>(),
  {
    id: 'changes',
    header: 'Changes',
    cell: (a) => a.changes.map(describeChange).join('; '),
    csv: (a) => a.changes.map(describeChange).join('; '),
  },
  {
    id: 'apps',
    header: 'Apps after import (catalogue names)',
    cell: (a) => (a.risk ? <Apps apps={[]} risk={a.risk} /> : <span className="muted">—</span>),
    csv: (a) => appsText([], a.risk),
  },
  {
    id: 'state',
    header: 'State',
    className: 'nowrap',
    cell: (a) => <State risk={a.risk} />,
    csv: (a) => stateText(a.risk),
  },
];

const exposedRow = (a: { risk?: RowRisk }) => (a.risk?.becomesExposed ? 'row-exposed' : undefined);

type Props = Pick<ImportPreview, 'created' | 'changed' | 'missing' | 'counts'> & { importId: string };

export function ChangeList({ created, changed, missing, counts, importId }: Props) {
  const more = (shown: number, total: number) =>
    total > shown && <p className="muted small">and {(total - shown).toLocaleString('en')} more</p>;
  return (
    <>
      <section className="panel" aria-labelledby="new-title">
        <h2 id="new-title">New agents</h2>
        {created.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <DataTable
            label="New agents"
            storageKey="import-new"
            columns={createdColumns}
            rows={created}
            rowKey={(a) => a.agentId}
            rowClassName={exposedRow}
            csvName={`import-${importId}-new`}
          />
        )}
        {more(created.length, counts.created)}
      </section>
      <section className="panel" aria-labelledby="changed-title">
        <h2 id="changed-title">Changed agents</h2>
        {changed.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <DataTable
            label="Changed agents"
            storageKey="import-changed"
            columns={changedColumns}
            rows={changed}
            rowKey={(a) => a.agentId}
            rowClassName={exposedRow}
            csvName={`import-${importId}-changed`}
          />
        )}
        {more(changed.length, counts.changed)}
        {missing.length > 0 && (
          <>
            <h3>Not in this export</h3>
            <ul className="plain-list small">
              {missing.map((a) => (
                <li key={a.agentId}>
                  {a.name || a.agentId} <span className="muted mono">{a.agentId}</span>
                </li>
              ))}
            </ul>
            {more(missing.length, counts.missing)}
          </>
        )}
      </section>
    </>
  );
}
