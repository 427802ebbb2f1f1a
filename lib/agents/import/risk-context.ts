// Loads what classifies an import's rows the way the commit writes them: the workspace's catalogue,
// its observed action control and the trifecta exceptions in force.
import { createHash } from 'node:crypto';
import type { Db, Tx } from '@/lib/db.ts';
import { indexControls } from '@/lib/action-control/effect.ts';
import { observedControls } from '@/lib/action-control/queries.ts';
import { createAppResolver } from '@/lib/apps/resolve.ts';
import { currentCatalogue } from '@/lib/apps/queries.ts';
import { trifectaAcceptances } from '@/lib/exceptions/acceptances.ts';
import type { RiskContext } from './preview-risk.ts';

export async function loadRiskContext(db: Db | Tx, workspaceId: string, now: Date): Promise<RiskContext> {
  return (await loadRiskContextAndFingerprint(db, workspaceId, now)).context;
}

/**
 * The context and a fingerprint of everything in it: a commit writes the classification its preview made, so it
 * holds the preview's fingerprint to the one in force at commit time (an exception that lapsed in between, a
 * catalogue or action-control change: upload again).
 */
export async function loadRiskContextAndFingerprint(db: Db | Tx, workspaceId: string, now: Date) {
  const catalogue = await currentCatalogue(db, workspaceId);
  const controls = await observedControls(db, workspaceId);
  const acceptances = await trifectaAcceptances(db, workspaceId, now);
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([catalogue, controls, [...acceptances].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]))
    .digest('hex')
    .slice(0, 32);
  const context: RiskContext = {
    resolveApp: createAppResolver(catalogue),
    controls: indexControls(controls),
    acceptances,
    now,
  };
  return { context, fingerprint };
}
