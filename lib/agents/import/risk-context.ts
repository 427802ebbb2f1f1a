// Loads what classifies an import's rows the way the commit writes them: the workspace's catalogue,
// its observed action control and the trifecta exceptions in force.
import type { Db, Tx } from '@/lib/db.ts';
import { indexControls } from '@/lib/action-control/effect.ts';
import { observedControls } from '@/lib/action-control/queries.ts';
import { createAppResolver } from '@/lib/apps/resolve.ts';
import { currentCatalogue } from '@/lib/apps/queries.ts';
import { trifectaAcceptances } from '@/lib/exceptions/acceptances.ts';
import type { RiskContext } from './preview-risk.ts';

export async function loadRiskContext(db: Db | Tx, workspaceId: string, now: Date): Promise<RiskContext> {
  return {
    resolveApp: createAppResolver(await currentCatalogue(db, workspaceId)),
    controls: indexControls(await observedControls(db, workspaceId)),
    acceptances: await trifectaAcceptances(db, workspaceId, now),
    now,
  };
}
