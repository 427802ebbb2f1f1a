// "Classify this agent in its workspace", written once: the catalogue gives the app resolver, the workspace's
// observed action control (6.2) may close sends, and approved trifecta exceptions in force make `accepted`.
// The agent page, the review context, reclassification and `tollgate agents` all classify through here, so
// they cannot drift apart; a custom GPT goes through `classifyGpt` with the same inputs. Reads only.
import { indexControls, withActionControls } from '@/lib/action-control/effect.ts';
import { observedControls } from '@/lib/action-control/queries.ts';
import { currentCatalogue, type CatalogueVersion } from '@/lib/apps/queries.ts';
import { createAppResolver } from '@/lib/apps/resolve.ts';
import type { Catalogue } from '@/lib/apps/types.ts';
import type { Db, Tx } from '@/lib/db.ts';
import { trifectaAcceptances } from '@/lib/exceptions/acceptances.ts';
import { reviewedActionLegs } from '@/lib/gpts/action-review-queries.ts';
import { classifyGpt, type GptLegInput } from '@/lib/gpts/legs.ts';
import { classifyAgent } from '@/lib/trifecta/classify.ts';
import type { ConnectorInput } from '@/lib/trifecta/types.ts';

export type ClassifiableAgent = { id: string; connectors: unknown; configHash: string };

/** Reads the workspace's inputs once, then classifies any number of its agents with them. `catalogue`: classify
 *  under this one (a catalogue change not yet committed) instead of the current one. */
export async function workspaceClassifier<C extends Catalogue = CatalogueVersion>(
  db: Db | Tx,
  workspaceId: string,
  now = new Date(),
  catalogue?: C,
) {
  const used = (catalogue ?? (await currentCatalogue(db, workspaceId))) as C;
  const resolveApp = createAppResolver(used);
  const controls = indexControls(await observedControls(db, workspaceId));
  const acceptances = await trifectaAcceptances(db, workspaceId, now);
  // A reviewer's legs for a GPT action whose schema cannot be read (lib/gpts/action-review-service.ts).
  const reviewedActions = await reviewedActionLegs(db, workspaceId);
  return {
    catalogue: used,
    resolveApp,
    /** The agent's connectors with the action control applied, and its classification. */
    classify(agent: ClassifiableAgent) {
      const connectors = withActionControls(agent.connectors as ConnectorInput[], controls, resolveApp);
      const classification = classifyAgent(connectors, resolveApp, {
        configHash: agent.configHash,
        acceptances: acceptances.get(agent.id),
        now,
      });
      return { connectors, classification };
    },
    /** A custom GPT (Agent kind custom_gpt) by its parts (GptState.gpt), never by connectors: lib/gpts/legs.ts. */
    classifyGpt(agent: { id: string; configHash: string }, gpt: GptLegInput) {
      return classifyGpt(gpt, resolveApp, {
        configHash: agent.configHash,
        acceptances: acceptances.get(agent.id),
        now,
        controls,
        reviewedActions,
      });
    },
  };
}
