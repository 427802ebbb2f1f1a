// The evidence captured before a suspension: what the agent was, its connectors and last runs, and the SHA-256.
import { TechId } from '@/components/ui/tech-id.tsx';
import { formatUtc } from '@/lib/format.ts';
import type { EvidenceData } from '@/lib/suspensions/evidence.ts';
import { ScrollRegion } from '@/components/ui/scroll-region.tsx';

type Connector = {
  app?: string;
  allowedTools?: string[] | null;
  approvals?: string | null;
  authVariant?: string | null;
};
type Invoker = { type?: string | null; name?: string | null; id?: string | null } | null;

const when = (iso: string | null) => (iso ? formatUtc(new Date(iso)) : '—');

export function EvidenceView({
  evidence,
}: {
  evidence: { data: EvidenceData; sha256: string; capturedAt: Date; intact: boolean };
}) {
  const d = evidence.data;
  const connectors = Array.isArray(d.connectors) ? (d.connectors as Connector[]) : [];
  return (
    <>
      <p className="small">
        Captured {formatUtc(evidence.capturedAt)}, before the status changed. SHA-256 over its canonical JSON:{' '}
        <code className="mono">{evidence.sha256}</code>{' '}
        {evidence.intact ? (
          <span className="state state-mitigated">matches</span>
        ) : (
          <span className="state state-exposed">does not match the stored evidence</span>
        )}
      </p>
      <dl className="facts facts-narrow">
        <dt>Agent id</dt>
        <dd className="mono">{d.agentId}</dd>
        <dt>Name</dt>
        <dd>{d.name}</dd>
        <dt>Owner</dt>
        <dd>{d.owner}</dd>
        <dt>Status before</dt>
        <dd>{d.snapshot.status}</dd>
        <dt>Connected apps</dt>
        <dd>{d.connectedApps.length ? d.connectedApps.join(', ') : 'none'}</dd>
        <dt>Configuration</dt>
        <dd>
          its apps and settings when suspended{' '}
          <div>
            <TechId value={d.configHash} short={16} label="configuration hash" />
          </div>
        </dd>
        <dt>Version</dt>
        <dd>{d.versionId ?? <span className="muted">not known (no Compliance Logs event)</span>}</dd>
      </dl>

      <h3>Connectors and their settings</h3>
      {connectors.length === 0 ? (
        <p className="muted">No connector.</p>
      ) : (
        <ScrollRegion label="Connectors at suspension">
          <table className="table">
            <thead>
              <tr>
                <th>App</th>
                <th>Allowed tools</th>
                <th>Approvals</th>
                <th>Authentication</th>
              </tr>
            </thead>
            <tbody>
              {connectors.map((c, i) => (
                <tr key={`${c.app}-${i}`}>
                  <td>
                    <code>{c.app ?? '—'}</code>
                  </td>
                  <td className="small">
                    {c.allowedTools ? (
                      c.allowedTools.length ? (
                        c.allowedTools.join(', ')
                      ) : (
                        'none'
                      )
                    ) : (
                      <span className="muted">not known</span>
                    )}
                  </td>
                  <td>{c.approvals ?? <span className="muted">not known</span>}</td>
                  <td>{c.authVariant ?? <span className="muted">not known</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}

      <h3>Last runs</h3>
      {d.lastRuns === null ? (
        <p className="muted">No runs ingested: the Compliance Logs held no run of this agent when it was suspended.</p>
      ) : (
        <ScrollRegion label="Last runs at suspension">
          <table className="table">
            <thead>
              <tr>
                <th>Run</th>
                <th>Status</th>
                <th>Started (UTC)</th>
                <th>Ended (UTC)</th>
                <th>Invoked by</th>
                <th>Failure</th>
              </tr>
            </thead>
            <tbody>
              {d.lastRuns.map((r) => {
                const invoker = r.invoker as Invoker;
                return (
                  <tr key={r.id}>
                    <td className="mono">{r.id}</td>
                    <td>{r.status}</td>
                    <td className="nowrap">{when(r.startedAt)}</td>
                    <td className="nowrap">{when(r.endedAt)}</td>
                    <td>
                      {invoker?.name ?? invoker?.id ?? '—'}
                      {invoker?.type && <span className="small muted"> via {invoker.type}</span>}
                    </td>
                    <td className="small">{r.failure ?? '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      )}

      <details>
        <summary className="small">The evidence as stored (JSON)</summary>
        <div className="table-scroll">
          <pre className="small">{JSON.stringify(d, null, 2)}</pre>
        </div>
      </details>
    </>
  );
}
