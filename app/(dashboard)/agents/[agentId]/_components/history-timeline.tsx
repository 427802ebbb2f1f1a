// The agent's history: each change and where it came from, newest first.
import { formatUtc } from '../../../../../lib/format.ts';

type Entry = { id: bigint; at: Date; kind: string; detail: unknown; importId: string | null };

export function HistoryTimeline({ history }: { history: Entry[] }) {
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      {history.length === 0 ? (
        <p className="muted">No recorded change.</p>
      ) : (
        <ol className="timeline">
          {history.map((h) => (
            <li key={h.id.toString()}>
              <time className="small muted">{formatUtc(h.at)}</time>
              <span>{describe(h.kind, h.detail as Record<string, unknown>)}</span>
              {h.importId && <span className="small muted"> · inventory import</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function list(value: unknown): string {
  return Array.isArray(value) && value.length ? value.join(', ') : 'none';
}

function describe(kind: string, d: Record<string, unknown>): React.ReactNode {
  switch (kind) {
    case 'created':
      return <>First seen, owned by {String(d.ownerEmail)}, with apps: {list(d.apps)}</>;
    case 'apps_changed':
      return <>Apps changed{Array.isArray(d.added) && d.added.length ? <> — added <strong>{list(d.added)}</strong></> : null}{Array.isArray(d.removed) && d.removed.length ? <> — removed <strong>{list(d.removed)}</strong></> : null}</>;
    case 'owner_changed':
      return <>Owner changed from {String(d.from)} to <strong>{String(d.to)}</strong></>;
    case 'renamed':
      return <>Renamed from “{String(d.from)}” to “{String(d.to)}”</>;
    case 'status_changed':
      return <>Status changed from {String(d.from)} to <strong>{String(d.to)}</strong></>;
    case 'missing_from_export':
      return <>Not in the latest full export</>;
    case 'back_in_export':
      return <>Listed again in an export</>;
    default:
      return kind;
  }
}
