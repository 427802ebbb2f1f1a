// The approval categories each published configuration leaves without a human gate (guide 6.3), per distinct
// configuration hash. The answer depends only on the configuration, the app catalogue, the observed action
// control and the approval policy, so it is kept between evaluations (the posture job runs every few minutes)
// and recomputed only for configurations not seen under the same catalogue, controls and policy.
import { createHash } from 'node:crypto';
import { indexControls, withActionControls } from '@/lib/action-control/effect.ts';
import { observedControls } from '@/lib/action-control/queries.ts';
import { createAppResolver } from '@/lib/apps/resolve.ts';
import { currentCatalogue } from '@/lib/apps/queries.ts';
import { canonicalJson } from '@/lib/audit/chain.ts';
import type { Db, Tx } from '@/lib/db.ts';
import { actionMap } from '@/lib/reviews/action-map.ts';
import { loadPolicy } from '@/lib/reviews/policy.ts';
import type { ConnectorInput } from '@/lib/trifecta/types.ts';

type Entry = { context: string; byHash: Map<string, string[]> };
const shared = globalThis as { __tollgateGateViolations?: Map<string, Entry> };
shared.__tollgateGateViolations ??= new Map();
const cache = shared.__tollgateGateViolations;

/**
 * Configuration hash → the required categories it leaves ungated (only hashes with at least one), for the given
 * configurations of the published agents (the posture's one pass over the agents found them).
 */
export async function gateViolations(
  db: Db | Tx,
  workspaceId: string,
  published: readonly string[],
): Promise<Map<string, string[]>> {
  const hashes = published.map((configHash) => ({ configHash }));
  const [catalogue, controls, policy] = await Promise.all([
    currentCatalogue(db, workspaceId),
    observedControls(db, workspaceId),
    loadPolicy(db, workspaceId),
  ]);
  const context = createHash('sha256')
    .update(canonicalJson([catalogue, controls, policy.required, policy.logged]))
    .digest('hex');
  const known = cache.get(workspaceId);
  const previous = known?.context === context ? known.byHash : new Map<string, string[]>();
  const missing = hashes.map((h) => h.configHash).filter((h) => !previous.has(h));
  const resolveApp = createAppResolver(catalogue);
  const index = indexControls(controls);
  const computed = new Map<string, string[]>();
  if (missing.length) {
    const configs = await db.$queryRaw<{ configHash: string; connectors: ConnectorInput[] }[]>`
      SELECT h."configHash", c.connectors FROM unnest(${missing}::text[]) AS h("configHash")
      CROSS JOIN LATERAL (SELECT connectors FROM "Agent" a WHERE a."workspaceId" = ${workspaceId}
      AND a.status = 'published' AND a."configHash" = h."configHash" LIMIT 1) c`;
    for (const c of configs) {
      computed.set(c.configHash, [
        ...new Set(
          actionMap(withActionControls(c.connectors, index, resolveApp), resolveApp, policy)
            .filter((m) => m.violation && m.category)
            .map((m) => m.category!),
        ),
      ]);
    }
  }
  // Keep only the configurations published now, so the cache never outgrows the fleet.
  const byHash = new Map(
    hashes.map((h) => [h.configHash, previous.get(h.configHash) ?? computed.get(h.configHash) ?? []]),
  );
  cache.set(workspaceId, { context, byHash });
  return new Map([...byHash].filter(([, categories]) => categories.length > 0));
}
