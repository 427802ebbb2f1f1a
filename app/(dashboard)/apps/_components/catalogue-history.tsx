// Every catalogue version, and a date picker to show the catalogue in force at a past date.
import { formatUtc } from '@/lib/format.ts';

type Version = { version: number; profile: string; change: unknown; createdAt: Date; createdBy: string };

export function CatalogueHistory({ versions, at }: { versions: Version[]; at: string | undefined }) {
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <form method="get" action="/apps" className="filters" aria-label="Show the catalogue as of a date">
        <label>
          Show the catalogue in force at (UTC) <input type="datetime-local" name="at" defaultValue={at?.slice(0, 16)} />
        </label>
        <div className="filter-buttons">
          <button className="button" type="submit">
            Show
          </button>
          {at && (
            <a className="button" href="/apps">
              Current
            </a>
          )}
        </div>
      </form>
      {versions.length === 0 ? (
        <p className="muted">Never edited: the built-in guide profile (version 0) is in force.</p>
      ) : (
        <ol className="timeline">
          {versions.map((v) => {
            const c = v.change as { kind: string; appId?: string; from?: string; to?: string };
            return (
              <li key={v.version}>
                <time className="small muted">{formatUtc(v.createdAt)}</time>
                <span>
                  v{v.version} · {c.kind === 'profile' ? `profile ${c.from} → ${c.to}` : `${c.kind} ${c.appId}`}{' '}
                  <span className="muted">by {v.createdBy}</span>
                </span>
              </li>
            );
          })}
          <li>
            <span className="small muted">v0 · the built-in guide profile</span>
          </li>
        </ol>
      )}
    </section>
  );
}
