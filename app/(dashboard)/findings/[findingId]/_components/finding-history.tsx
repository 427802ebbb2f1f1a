// A finding's history: every stored version (opened, refreshed, assigned, resolved, reopened), oldest first.
import { formatUtc } from '@/lib/format.ts';

type Version = { at: Date; data: unknown };
type State = { status?: string; owner?: string | null; dueAt?: string; message?: string };

function describeChange(prev: State | null, next: State): string[] {
  if (!prev) return [`Opened: ${next.message ?? ''}`];
  const out: string[] = [];
  if (prev.status !== next.status)
    out.push(next.status === 'resolved' ? 'Resolved: no longer observed.' : 'Reopened: observed again.');
  if (prev.owner !== next.owner) out.push(`Owner: ${prev.owner ?? 'Unassigned'} → ${next.owner ?? 'Unassigned'}`);
  if (prev.dueAt !== next.dueAt && next.dueAt)
    out.push(`Due: ${prev.dueAt?.slice(0, 10) ?? '—'} → ${next.dueAt.slice(0, 10)}`);
  if (prev.message !== next.message && prev.status === next.status) out.push(`Now: ${next.message ?? ''}`);
  return out.length ? out : ['Updated.'];
}

export function FindingHistory({ versions }: { versions: Version[] }) {
  let prev: State | null = null;
  const items = versions.map((v, i) => {
    const state = (v.data ?? {}) as State;
    const lines = describeChange(prev, state);
    prev = state;
    return { key: i, at: v.at, lines };
  });
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      {items.length === 0 ? (
        <p className="muted">No recorded change.</p>
      ) : (
        <ol className="timeline">
          {items.reverse().map((item) => (
            <li key={item.key}>
              <span className="muted small">{formatUtc(item.at)}</span>
              {item.lines.map((l) => (
                <span key={l}>{l}</span>
              ))}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
