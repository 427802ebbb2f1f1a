// The changes a previewed import would make, by kind (the first 200 of each; counts are exact), each row
// with its risk: the apps as the catalogue names them, what the catalogue does not know, and the state after.
import { StateBadge } from '@/components/agents/legs.tsx';
import type { ImportPreview } from '@/lib/agents/import/service.ts';
import type { RowRisk } from '@/lib/agents/import/preview-risk.ts';
import { ScrollRegion } from '@/components/ui/scroll-region.tsx';

type Change = ImportPreview['changed'][number]['changes'][number];

function describeChange(c: Change): string {
  if (c.kind === 'apps_changed')
    return [c.added.length ? `+${c.added.join(', +')}` : '', c.removed.length ? `−${c.removed.join(', −')}` : '']
      .filter(Boolean)
      .join(' ');
  if (c.kind === 'back_in_export') return 'listed again';
  return `${c.kind.replace('_', ' ')} ${c.from} → ${c.to}`;
}

function AppsCell({ apps, risk }: { apps: string[]; risk?: RowRisk }) {
  // Previews stored before risk was computed only have the apps as written.
  if (!risk) return <td>{apps.join(', ') || <span className="muted">no apps</span>}</td>;
  const empty = risk.resolved.length + risk.unknownApps.length + risk.unclassifiedMcp.length === 0;
  return (
    <td>
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
    </td>
  );
}

function StateCell({ risk }: { risk?: RowRisk }) {
  if (!risk) return <td className="muted">—</td>;
  return (
    <td className="nowrap">
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
    </td>
  );
}

export function ChangeList({ preview }: { preview: ImportPreview }) {
  const more = (shown: number, total: number) =>
    total > shown && <p className="muted small">and {(total - shown).toLocaleString('en')} more</p>;
  return (
    <>
      <section className="panel" aria-labelledby="new-title">
        <h2 id="new-title">New agents</h2>
        {preview.created.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <ScrollRegion label="New agents">
            <table className="table">
              <thead>
                <tr>
                  <th>Agent</th>
                  <th>Apps (catalogue names)</th>
                  <th>After import</th>
                </tr>
              </thead>
              <tbody>
                {preview.created.map((a) => (
                  <tr key={a.agentId} className={a.risk?.becomesExposed ? 'row-exposed' : undefined}>
                    <td>
                      <strong>{a.name || a.agentId}</strong> <span className="muted mono small">{a.agentId}</span>
                    </td>
                    <AppsCell apps={a.apps} risk={a.risk} />
                    <StateCell risk={a.risk} />
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
        {more(preview.created.length, preview.counts.created)}
      </section>
      <section className="panel" aria-labelledby="changed-title">
        <h2 id="changed-title">Changed agents</h2>
        {preview.changed.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <ScrollRegion label="Changed agents">
            <table className="table">
              <thead>
                <tr>
                  <th>Agent</th>
                  <th>Changes</th>
                  <th>Apps after import (catalogue names)</th>
                  <th>State</th>
                </tr>
              </thead>
              <tbody>
                {preview.changed.map((a) => (
                  <tr key={a.agentId} className={a.risk?.becomesExposed ? 'row-exposed' : undefined}>
                    <td>
                      <strong>{a.name || a.agentId}</strong> <span className="muted mono small">{a.agentId}</span>
                    </td>
                    <td>{a.changes.map(describeChange).join('; ')}</td>
                    {a.risk ? <AppsCell apps={[]} risk={a.risk} /> : <td className="muted">—</td>}
                    <StateCell risk={a.risk} />
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
        {more(preview.changed.length, preview.counts.changed)}
        {preview.missing.length > 0 && (
          <>
            <h3>Not in this export</h3>
            <ul className="plain-list small">
              {preview.missing.map((a) => (
                <li key={a.agentId}>
                  {a.name || a.agentId} <span className="muted mono">{a.agentId}</span>
                </li>
              ))}
            </ul>
            {more(preview.missing.length, preview.counts.missing)}
          </>
        )}
      </section>
    </>
  );
}
