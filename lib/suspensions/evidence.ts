// The evidence the runbook (guide 6.5) requires before a suspension, pure: the agent's identity, owner,
// connected apps, connectors with their settings, last 10 runs from the ingested Compliance Logs, its
// configuration hash and version, and a snapshot of the record as it was (its status is what a restore
// puts back). Hashed with SHA-256 over canonical JSON, so a stored copy can be checked at any time.
import { createHash } from 'node:crypto';
import { canonicalJson } from '@/lib/audit/chain.ts';

export const EVIDENCE_RUNS = 10;

/** The agent record as read just before the suspension. */
export type AgentRecord = {
  id: string;
  externalId: string;
  kind: string;
  name: string;
  ownerEmail: string;
  status: string;
  apps: string[];
  connectors: unknown;
  configHash: string;
  versionId: string | null;
  publishedConfigHash: string | null;
  inLatestExport: boolean;
  effectiveState: string;
  trifecta: boolean;
  firstSeenAt: Date;
  updatedAt: Date;
  lastEventAt: Date | null;
};

export type RunRecord = {
  runId: string;
  status: string;
  startedAt: Date | null;
  endedAt: Date | null;
  invoker: unknown;
  failure: string | null;
};

export type EvidenceRun = {
  id: string;
  status: string;
  startedAt: string | null;
  endedAt: string | null;
  invoker: unknown;
  failure: string | null;
};

export type EvidenceData = {
  /** The platform's agent id (agent_id in exports and logs). */
  agentId: string;
  name: string;
  owner: string;
  connectedApps: string[];
  connectors: unknown;
  /** Newest first; null when no run of this agent has been ingested. */
  lastRuns: EvidenceRun[] | null;
  configHash: string;
  versionId: string | null;
  snapshot: Omit<AgentRecord, 'firstSeenAt' | 'updatedAt' | 'lastEventAt'> & {
    firstSeenAt: string;
    updatedAt: string;
    lastEventAt: string | null;
  };
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Runs newest first (by start; unstarted last), at most 10. */
export function buildEvidence(agent: AgentRecord, runs: RunRecord[]): EvidenceData {
  const sorted = [...runs].sort(
    (a, b) =>
      (b.startedAt?.getTime() ?? -Infinity) - (a.startedAt?.getTime() ?? -Infinity) || a.runId.localeCompare(b.runId),
  );
  const lastRuns = sorted.slice(0, EVIDENCE_RUNS).map((r) => ({
    id: r.runId,
    status: r.status,
    startedAt: iso(r.startedAt),
    endedAt: iso(r.endedAt),
    invoker: r.invoker ?? null,
    failure: r.failure,
  }));
  return {
    agentId: agent.externalId,
    name: agent.name,
    owner: agent.ownerEmail,
    connectedApps: [...agent.apps],
    connectors: agent.connectors ?? [],
    lastRuns: lastRuns.length ? lastRuns : null,
    configHash: agent.configHash,
    versionId: agent.versionId,
    snapshot: {
      ...agent,
      firstSeenAt: agent.firstSeenAt.toISOString(),
      updatedAt: agent.updatedAt.toISOString(),
      lastEventAt: iso(agent.lastEventAt),
    },
  };
}

/** SHA-256 (hex) of the evidence's canonical JSON. */
export function evidenceSha256(data: unknown): string {
  return createHash('sha256').update(canonicalJson(data)).digest('hex');
}

/** Whether stored evidence still hashes to its recorded SHA-256. */
export function evidenceIntact(data: unknown, sha256: string): boolean {
  return evidenceSha256(data) === sha256;
}

/** The status the agent had before the suspension, from stored evidence. */
export function statusBefore(data: unknown): string {
  const status = (data as { snapshot?: { status?: unknown } } | null)?.snapshot?.status;
  if (typeof status !== 'string' || !status)
    throw new Error('The suspension evidence has no snapshot status to restore.');
  return status;
}
