// The agent's history: each change and where it came from, newest first. A custom GPT's entries read in its own
// words (capabilities, actions, files; listed by the platform), from lib/gpts/history-words.ts.
import { formatUtc } from '@/lib/format.ts';
import { gptHistoryText } from '@/lib/gpts/history-words.ts';

type Entry = { id: bigint; at: Date; kind: string; detail: unknown; importId: string | null };

export function HistoryTimeline({ history, gpt = false }: { history: Entry[]; gpt?: boolean }) {
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
              <span>
                {(gpt && gptHistoryText(h.kind, h.detail as Record<string, unknown>)) ||
                  describeEntry(h.kind, h.detail as Record<string, unknown>)}
              </span>
              {h.importId && <span className="small muted"> · inventory import</span>}
              {(h.detail as { source?: string }).source === 'compliance_logs' && (
                <span className="small muted">
                  {' '}
                  · Compliance Logs{(h.detail as { by?: string }).by ? `, by ${(h.detail as { by?: string }).by}` : ''}
                </span>
              )}
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

function describeEntry(kind: string, d: Record<string, unknown>): React.ReactNode {
  switch (kind) {
    case 'created':
      return (
        <>
          First seen, owned by {String(d.ownerEmail)}, with apps: {list(d.apps)}
        </>
      );
    case 'apps_changed':
      return (
        <>
          Apps changed
          {Array.isArray(d.added) && d.added.length ? (
            <>
              {' '}
              — added <strong>{list(d.added)}</strong>
            </>
          ) : null}
          {Array.isArray(d.removed) && d.removed.length ? (
            <>
              {' '}
              — removed <strong>{list(d.removed)}</strong>
            </>
          ) : null}
        </>
      );
    case 'owner_changed':
      return (
        <>
          Owner changed from {String(d.from)} to <strong>{String(d.to)}</strong>
        </>
      );
    case 'renamed':
      return (
        <>
          Renamed from “{String(d.from)}” to “{String(d.to)}”
        </>
      );
    case 'status_changed':
      return (
        <>
          Status changed from {String(d.from)} to <strong>{String(d.to)}</strong>
        </>
      );
    case 'missing_from_export':
      return <>Not in the latest full export</>;
    case 'back_in_export':
      return <>Listed again in an export</>;
    case 'agent_created':
    case 'agent_updated':
    case 'agent_published':
    case 'agent_unpublished':
    case 'agent_suspended':
    case 'agent_unsuspended':
    case 'agent_deleted':
      return (
        <>
          {LIFECYCLE[kind]}
          {d.versionId ? (
            <>
              {' '}
              (version <code>{String(d.versionId)}</code>)
            </>
          ) : null}
          {changes(d)}
        </>
      );
    default:
      return kind;
  }
}

const LIFECYCLE: Record<string, string> = {
  agent_created: 'Created',
  agent_updated: 'Updated',
  agent_published: 'Published',
  agent_unpublished: 'Unpublished',
  agent_suspended: 'Suspended',
  agent_unsuspended: 'Unsuspended',
  agent_deleted: 'Deleted',
};

function changes(d: Record<string, unknown>): React.ReactNode {
  const parts: React.ReactElement[] = [];
  const name = d.name as { from: string | null; to: string | null } | undefined;
  if (name?.from) parts.push(<span key="n">renamed to “{name.to}”</span>);
  if (Array.isArray(d.connectorsAdded) && d.connectorsAdded.length)
    parts.push(
      <span key="a">
        connectors added <strong>{list(d.connectorsAdded)}</strong>
      </span>,
    );
  if (Array.isArray(d.connectorsRemoved) && d.connectorsRemoved.length)
    parts.push(
      <span key="r">
        connectors removed <strong>{list(d.connectorsRemoved)}</strong>
      </span>,
    );
  return parts.length ? (
    <>
      {' '}
      —{' '}
      {parts.map((p, i) => (
        <span key={p.key}>
          {i > 0 && '; '}
          {p}
        </span>
      ))}
    </>
  ) : null;
}
