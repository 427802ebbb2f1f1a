// What an agent export would change in the inventory, pure: new, changed (and how), unchanged, not in this export.
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
};

export type AgentChange =
  | { kind: 'renamed'; from: string; to: string }
  | { kind: 'owner_changed'; from: string; to: string }
  | { kind: 'apps_changed'; added: string[]; removed: string[] }
  | { kind: 'status_changed'; from: string; to: string }
  | { kind: 'back_in_export' };

export type InventoryDiff = {
  created: InventoryRow[];
  changed: { row: InventoryRow; existing: ExistingAgent; changes: AgentChange[] }[];
  unchanged: number;
  /** Listed before, absent from this full export: marked "not in latest export", never deleted. */
  missing: ExistingAgent[];
};

/** `listedIds`: ids on invalid rows — still listed by the export, so never "not in this export". */
export function diffInventory(
  existing: Map<string, ExistingAgent>,
  rows: InventoryRow[],
  fullExport: boolean,
  listedIds: Iterable<string> = [],
): InventoryDiff {
  const diff: InventoryDiff = { created: [], changed: [], unchanged: 0, missing: [] };
  const seen = new Set<string>(listedIds);
  for (const row of rows) {
    seen.add(row.agentId);
    const agent = existing.get(row.agentId);
    if (!agent) {
      diff.created.push(row);
      continue;
    }
    const changes = changesOf(agent, row);
    if (changes.length) diff.changed.push({ row, existing: agent, changes });
    else diff.unchanged++;
  }
  if (fullExport)
    for (const agent of existing.values())
      if (agent.inLatestExport && !seen.has(agent.externalId)) diff.missing.push(agent);
  return diff;
}

function changesOf(agent: ExistingAgent, row: InventoryRow): AgentChange[] {
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
