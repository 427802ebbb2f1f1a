// The agent's last runs, from the Compliance Logs: who invoked it, outcome, duration, connector calls.
// The stored JSON (invoker, calls) becomes a plain row here, on the server, for the client table.
import { formatUtc } from '@/lib/format.ts';
import { type RunCall, type RunRow, RunsTable } from './runs-table.tsx';

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

function runRow(r: Run): RunRow {
  const invoker = r.invoker as { type?: string | null; name?: string | null; id?: string | null };
  const calls: RunCall[] = (r.calls as Call[]).map((c) => ({
    id: c.toolCallId,
    name: `${c.connectorId ?? ''}.${c.action ?? ''}`,
    approval: c.requiresElicitation === false ? 'not asked' : c.requiresElicitation ? 'asked' : null,
    status: c.status,
  }));
  return {
    runId: r.runId,
    started: r.startedAt ? formatUtc(r.startedAt) : '—',
    invokedBy: invoker.name ?? invoker.id ?? '—',
    via: invoker.type ?? null,
    shared: r.sharedInvocation,
    status: r.status,
    failure: r.failure,
    duration: r.durationMs !== null ? `${(r.durationMs / 1000).toFixed(1)} s` : '—',
    calls,
    memoryOps: (r.memory as unknown[]).length,
    skillUses: (r.skills as unknown[]).length,
  };
}

export function LastRuns({ runs, total, agentId }: { runs: Run[]; total: number; agentId: string }) {
  return (
    <section className="panel" aria-labelledby="runs-title">
      <h2 id="runs-title">Last runs</h2>
      {runs.length === 0 ? (
        <p className="muted">No run in the Compliance Logs yet.</p>
      ) : (
        <RunsTable rows={runs.map(runRow)} agentId={agentId} />
      )}
      {total > runs.length && (
        <p className="muted small">
          The {runs.length} most recent of {total} runs.
        </p>
      )}
    </section>
  );
}
