// What an agent export changes of one agent, pure. Which rows are new, changed or left out is decided in the
// server (plan.ts); this says what changed of a candidate, comparing apps by their catalogue key.
import { appKey } from '@/lib/apps/resolve.ts';
import type { ConnectorInput } from '@/lib/trifecta/types.ts';
import type { InventoryRow } from '@/lib/agents/inventory-csv.ts';

export type ExistingAgent = {
  id: string;
  externalId: string;
  name: string;
  ownerEmail: string;
  status: string;
  apps: string[];
  connectors: ConnectorInput[];
  inLatestExport: boolean;
  trifecta: boolean;
  effectiveState: string;
  configHash: string;
  /** As read for the preview: its commit writes the agent only if it is still unchanged (decision 0037). */
  updatedAt: Date;
};

export type AgentChange =
  | { kind: 'renamed'; from: string; to: string }
  | { kind: 'owner_changed'; from: string; to: string }
  | { kind: 'apps_changed'; added: string[]; removed: string[] }
  | { kind: 'status_changed'; from: string; to: string }
  | { kind: 'back_in_export' };

/** What changed between an agent and its row in the export; nothing: the row is unchanged. */
export function changesOf(agent: ExistingAgent, row: InventoryRow): AgentChange[] {
  const changes: AgentChange[] = [];
  if (!agent.inLatestExport) changes.push({ kind: 'back_in_export' });
  if (row.agentName !== agent.name) changes.push({ kind: 'renamed', from: agent.name, to: row.agentName });
  if (row.ownerEmail !== agent.ownerEmail)
    changes.push({ kind: 'owner_changed', from: agent.ownerEmail, to: row.ownerEmail });
  if (row.status && row.status !== agent.status)
    changes.push({ kind: 'status_changed', from: agent.status, to: row.status });
  const before = new Map(agent.apps.map((a) => [appKey(a), a]));
  const after = new Map(row.apps.map((a) => [appKey(a), a]));
  const added = [...after].filter(([k]) => !before.has(k)).map(([, a]) => a);
  const removed = [...before].filter(([k]) => !after.has(k)).map(([, a]) => a);
  if (added.length || removed.length) changes.push({ kind: 'apps_changed', added, removed });
  return changes;
}

/** The agent's connectors after an export changed its apps: settings of apps still present are kept. */
export function nextConnectors(previous: ConnectorInput[], apps: string[]): ConnectorInput[] {
  const byKey = new Map(previous.map((c) => [appKey(c.app), c]));
  return apps.map((app) => byKey.get(appKey(app)) ?? { app });
}
