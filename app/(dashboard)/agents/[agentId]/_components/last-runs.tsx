// The agent's last runs, from the Compliance Logs: who invoked it, outcome, duration, connector calls.
import { formatUtc } from '@/lib/format.ts';
import { ScrollRegion } from '@/components/ui/scroll-region.tsx';

type Call = {
  toolCallId: string;
  connectorId: string | null;
  action: string | null;
  requiresElicitation: boolean | null;
  status: string | null;
};
type Run = {
  runId: string;
  invoker: unknown;
  sharedInvocation: boolean;
  status: string;
  startedAt: Date | null;
  durationMs: number | null;
  failure: string | null;
  calls: unknown;
  memory: unknown;
  skills: unknown;
};

export function LastRuns({ runs, total }: { runs: Run[]; total: number }) {
  return (
    <section className="panel" aria-labelledby="runs-title">
      <h2 id="runs-title">Last runs</h2>
      {runs.length === 0 ? (
        <p className="muted">No run in the Compliance Logs yet.</p>
      ) : (
        <ScrollRegion label="Last runs table">
          <table className="table">
            <thead>
              <tr>
                <th>Started (UTC)</th>
                <th>Invoked by</th>
                <th>Outcome</th>
                <th className="num">Duration</th>
                <th>Connector calls</th>
                <th>Memory / skills</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => {
                const invoker = r.invoker as { type?: string | null; name?: string | null; id?: string | null };
                const calls = r.calls as Call[];
                return (
                  <tr key={r.runId}>
                    <td className="nowrap">{r.startedAt ? formatUtc(r.startedAt) : '—'}</td>
                    <td>
                      {invoker.name ?? invoker.id ?? '—'}
                      {invoker.type && <span className="small muted"> via {invoker.type}</span>}
                      {r.sharedInvocation && <span className="tag tag-warn">shared credentials</span>}
                    </td>
                    <td>
                      {r.status}
                      {r.failure && <div className="small muted">{r.failure}</div>}
                    </td>
                    <td className="num">{r.durationMs !== null ? `${(r.durationMs / 1000).toFixed(1)} s` : '—'}</td>
                    <td className="small">
                      {calls.length === 0
                        ? '—'
                        : calls.map((c) => (
                            <div key={c.toolCallId}>
                              <code>
                                {c.connectorId}.{c.action}
                              </code>{' '}
                              {c.requiresElicitation === false ? (
                                <span className="tag tag-warn">no approval asked</span>
                              ) : c.requiresElicitation ? (
                                <span className="muted">approval asked</span>
                              ) : null}{' '}
                              {c.status && <span className="muted">· {c.status}</span>}
                            </div>
                          ))}
                    </td>
                    <td className="small">
                      {(r.memory as unknown[]).length} memory op(s), {(r.skills as unknown[]).length} skill use(s)
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {total > runs.length && (
        <p className="muted small">
          The {runs.length} most recent of {total} runs.
        </p>
      )}
    </section>
  );
}
