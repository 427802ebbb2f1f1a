// Classifies a parsed agent export: the core of `tollgate classify`, shared with tests and benchmarks.
import type { InventoryRow } from '@/lib/agents/inventory-csv.ts';
import type { AppResolver } from '@/lib/apps/resolve.ts';
import { classifyAgent, compareIds, exposureOf } from './classify.ts';
import type { Classification, Exposure } from './types.ts';

type Classified<T> = { row: InventoryRow; result: T }[];

/** Full classification (break sets, restrict options) of every row, sorted by agent id. */
export function classifyInventory(rows: InventoryRow[], resolveApp: AppResolver): Classified<Classification> {
  // Keyed by the exact list: the table lists each agent's apps in the order its row wrote them.
  return memoised(
    rows,
    (apps) => apps.join('\u0000'),
    (apps) =>
      classifyAgent(
        apps.map((app) => ({ app })),
        resolveApp,
      ),
  );
}

/** Exposure only (legs, trifecta, unknown apps): what `tollgate classify --json` prints. */
export function exposeInventory(rows: InventoryRow[], resolveApp: AppResolver): Classified<Exposure> {
  return memoised(
    rows,
    (apps) => appSetKey(apps, resolveApp),
    (apps) => exposureOf(apps, resolveApp),
  );
}

function memoised<T>(
  rows: InventoryRow[],
  keyOf: (apps: string[]) => string,
  classify: (apps: string[]) => T,
): Classified<T> {
  // Fleets repeat the same apps; an export carries no per-connector settings, so the apps decide.
  const memo = new Map<string, T>();
  const byList = new Map<string[], T>(); // the parser shares one array between rows with the same cell
  const classified = rows.map((row) => {
    let result = byList.get(row.apps);
    if (result === undefined) {
      const key = keyOf(row.apps);
      result = memo.get(key);
      if (result === undefined) {
        result = classify(row.apps);
        memo.set(key, result);
      }
      byList.set(row.apps, result);
    }
    return { row, result };
  });
  return classified.sort((a, b) => compareIds(a.row.agentId, b.row.agentId));
}

/** The same resolved apps in any order and spelling: exposure is the same (only `apps` order and spelling differ). */
export function appSetKey(apps: string[], resolveApp: AppResolver): string {
  const keys = apps.map((written) => {
    const app = resolveApp(written);
    return app.status === 'unknown' ? `?${app.id}` : app.id;
  });
  return keys.length > 1 ? keys.sort().join('\u0000') : (keys[0] ?? '');
}

/** JSON of one classified row; the classification part is shared by every agent with the same apps. */
export function createJsonRowWriter(): (c: { row: InventoryRow; result: Exposure }) => string {
  const tails = new WeakMap<Exposure, string>();
  return ({ row, result }) => {
    let tail = tails.get(result);
    if (tail === undefined) {
      tail = JSON.stringify({ legs: result.legs, trifecta: result.trifecta, unknown_apps: result.unknownApps }).slice(
        1,
      );
      tails.set(result, tail);
    }
    const head = `{"agent_id":${jsonString(row.agentId)},"agent_name":${jsonString(row.agentName)},`;
    return `${head}"owner_email":${jsonString(row.ownerEmail)},${tail}`;
  };
}

const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/; // printable ASCII without " and \: nothing to escape

export function jsonString(text: string): string {
  return PLAIN.test(text) ? `"${text}"` : JSON.stringify(text);
}
