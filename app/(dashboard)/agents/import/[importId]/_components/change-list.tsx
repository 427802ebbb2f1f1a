// The changes a previewed import would make, by kind (the first 200 of each; counts are exact).
import type { ImportPreview } from '../../../../../../lib/agents/import/service.ts';

export function ChangeList({ preview }: { preview: ImportPreview }) {
  const more = (shown: number, total: number) => total > shown && <p className="muted small">and {(total - shown).toLocaleString('en')} more</p>;
  return (
    <div className="grid-2">
      <section className="panel" aria-labelledby="new-title">
        <h2 id="new-title">New agents</h2>
        {preview.created.length === 0 ? <p className="muted">None.</p> : (
          <ul className="plain-list small">
            {preview.created.map((a) => <li key={a.agentId}><strong>{a.name || a.agentId}</strong> <span className="muted mono">{a.agentId}</span> — {a.apps.join(', ') || 'no apps'}</li>)}
          </ul>
        )}
        {more(preview.created.length, preview.counts.created)}
      </section>
      <section className="panel" aria-labelledby="changed-title">
        <h2 id="changed-title">Changed agents</h2>
        {preview.changed.length === 0 ? <p className="muted">None.</p> : (
          <ul className="plain-list small">
            {preview.changed.map((a) => (
              <li key={a.agentId}>
                <strong>{a.name || a.agentId}</strong>:{' '}
                {a.changes.map((c) => {
                  if (c.kind === 'apps_changed') return [c.added.length ? `+${c.added.join(', +')}` : '', c.removed.length ? `−${c.removed.join(', −')}` : ''].filter(Boolean).join(' ');
                  if (c.kind === 'back_in_export') return 'listed again';
                  return `${c.kind.replace('_', ' ')} ${c.from} → ${c.to}`;
                }).join('; ')}
              </li>
            ))}
          </ul>
        )}
        {more(preview.changed.length, preview.counts.changed)}
        {preview.missing.length > 0 && (
          <>
            <h3>Not in this export</h3>
            <ul className="plain-list small">{preview.missing.map((a) => <li key={a.agentId}>{a.name || a.agentId} <span className="muted mono">{a.agentId}</span></li>)}</ul>
            {more(preview.missing.length, preview.counts.missing)}
          </>
        )}
      </section>
    </div>
  );
}
