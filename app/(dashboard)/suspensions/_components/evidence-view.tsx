// The evidence captured before a suspension: what the agent was, its connectors and last runs, and the SHA-256.
import { ScrollRegion } from '@/components/ui/scroll-region.tsx';
import { TechId } from '@/components/ui/tech-id.tsx';
import { formatUtc } from '@/lib/format.ts';
import type { EvidenceData, EvidenceRun } from '@/lib/suspensions/evidence.ts';
import {
  EvidenceConnectorsTable,
  EvidenceRunsTable,
  type EvidenceConnectorRow,
  type EvidenceRunRow,
} from './evidence-tables.tsx';

type Connector = {
  app?: string;
  allowedTools?: string[] | null;
  approvals?: string | null;
  authVariant?: string | null;
};
type Invoker = { type?: string | null; name?: string | null; id?: string | null } | null;

const when = (iso: string | null) => (iso ? formatUtc(new Date(iso)) : '—');
// The stored JSON is read field by field: a value of another type shows as "not known", never as markup.
const text = (v: unknown) => (typeof v === 'string' ? v : null);

function connectorRow(c: Connector, i: number): EvidenceConnectorRow {
  const tools = Array.isArray(c.allowedTools) ? c.allowedTools.filter((t) => typeof t === 'string') : null;
  return {
    key: `${c.app}-${i}`,
    app: text(c.app),
    allowedTools: tools,
    approvals: text(c.approvals),
    authVariant: text(c.authVariant),
  };
}

function runRow(r: EvidenceRun): EvidenceRunRow {
  const invoker = r.invoker as Invoker;
  return {
    id: r.id,
    status: r.status,
    started: when(r.startedAt),
    ended: when(r.endedAt),
    invokedBy: invoker?.name ?? invoker?.id ?? '—',
    via: invoker?.type ?? null,
    failure: r.failure,
  };
}

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
        <EvidenceConnectorsTable rows={connectors.map(connectorRow)} />
      )}

      <h3>Last runs</h3>
      {d.lastRuns === null ? (
        <p className="muted">No runs ingested: the Compliance Logs held no run of this agent when it was suspended.</p>
      ) : (
        <EvidenceRunsTable rows={d.lastRuns.map(runRow)} />
      )}

      <details>
        <summary className="small">The evidence as stored (JSON)</summary>
        <ScrollRegion label="The evidence as stored (JSON)">
          <pre className="small">{JSON.stringify(d, null, 2)}</pre>
        </ScrollRegion>
      </details>
    </>
  );
}
