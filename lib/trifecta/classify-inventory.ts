// Classifies a parsed agent export: the core of `tollgate classify`, shared with tests and benchmarks.
import type { InventoryRow } from '../agents/inventory-csv.ts';
import type { Leg } from '../apps/legs.ts';
import type { AppResolver } from '../apps/resolve.ts';
import { classifyAgent, compareIds } from './classify.ts';
import type { Classification } from './types.ts';

export type ClassifiedRow = {
  agent_id: string;
  agent_name: string;
  owner_email: string;
  legs: Record<Leg, string[]>;
  trifecta: boolean;
  unknown_apps: string[];
};

export function classifyInventory(rows: InventoryRow[], resolveApp: AppResolver): { row: InventoryRow; result: Classification }[] {
  // Fleets repeat the same app sets; an export carries no per-connector settings, so the app list decides.
  const memo = new Map<string, Classification>();
  const classified = rows.map((row) => {
    const key = row.apps.join('\u0000');
    let result = memo.get(key);
    if (result === undefined) {
      result = classifyAgent(row.apps.map((app) => ({ app })), resolveApp);
      memo.set(key, result);
    }
    return { row, result };
  });
  return classified.sort((a, b) => compareIds(a.row.agentId, b.row.agentId));
}

export function toJsonRow({ row, result }: { row: InventoryRow; result: Classification }): ClassifiedRow {
  return {
    agent_id: row.agentId,
    agent_name: row.agentName,
    owner_email: row.ownerEmail,
    legs: result.legs,
    trifecta: result.trifecta,
    unknown_apps: result.unknownApps,
  };
}

/** JSON of one classified row; the classification part is shared by every agent with the same apps. */
export function createJsonRowWriter(): (c: { row: InventoryRow; result: Classification }) => string {
  const tails = new WeakMap<Classification, string>();
  return ({ row, result }) => {
    let tail = tails.get(result);
    if (tail === undefined) {
      tail = JSON.stringify({ legs: result.legs, trifecta: result.trifecta, unknown_apps: result.unknownApps }).slice(1);
      tails.set(result, tail);
    }
    return `{"agent_id":${JSON.stringify(row.agentId)},"agent_name":${JSON.stringify(row.agentName)},"owner_email":${JSON.stringify(row.ownerEmail)},${tail}`;
  };
}
