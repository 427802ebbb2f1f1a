// Apps in use that the catalogue cannot classify: unknown apps (no leg) and MCP servers (all three legs).
import Link from 'next/link';
import type { UnclassifiedApp } from '@/lib/apps/queries.ts';

export function NeedsClassification({ apps, editable }: { apps: UnclassifiedApp[]; editable: boolean }) {
  return (
    <section className="panel" id="needs-classification" aria-labelledby="needs-title">
      <h2 id="needs-title">Needs classification</h2>
      {apps.length === 0 ? (
        <p className="muted">Every app your agents use is in the catalogue.</p>
      ) : (
        <ul className="needs-list">
          {apps.map((a) => (
            <li key={`${a.kind}:${a.app}`}>
              <div>
                <code>{a.app}</code>{' '}
                <span className="tag tag-warn">
                  {a.kind === 'mcp' ? 'custom MCP server: counts for all three legs' : 'unknown: counts for no leg'}
                </span>
              </div>
              <div className="small">
                <Link href={`/agents?app=${encodeURIComponent(a.app)}`}>
                  {a.agents} agent{a.agents === 1 ? '' : 's'}
                </Link>
                {': '}
                {a.sample.map((s, i) => (
                  <span key={s.externalId}>
                    {i > 0 && ', '}
                    <Link href={`/agents/${encodeURIComponent(s.externalId)}`}>{s.name || s.externalId}</Link>
                  </span>
                ))}
                {a.agents > a.sample.length && ', …'}
              </div>
              {editable && (
                <Link className="button button-small" href={`/apps?add=${encodeURIComponent(a.app)}#editor`}>
                  Classify
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
