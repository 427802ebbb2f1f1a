// Re-derives every agent's classification columns under a new catalogue, inside the catalogue change's transaction.
import type { Tx } from '@/lib/db.ts';
import type { Catalogue } from '@/lib/apps/types.ts';
import type { GptLegInput } from '@/lib/gpts/legs.ts';
import { classificationColumns } from './classification-columns.ts';
import { workspaceClassifier } from './classify-in-workspace.ts';

const BATCH = 5000;

/**
 * `only`: reclassify just these agents (an exception approved or revoked); in-force trifecta exceptions make
 * `accepted`.
 */
export async function reclassifyWorkspace(
  tx: Tx,
  workspaceId: string,
  catalogue: Catalogue,
  only?: string[],
  now = new Date(),
): Promise<number> {
  const { classify, classifyGpt } = await workspaceClassifier(tx, workspaceId, now, catalogue);
  const agents = await tx.agent.findMany({
    where: { workspaceId, ...(only ? { id: { in: only } } : {}) },
    select: { id: true, kind: true, connectors: true, configHash: true, gptState: { select: { gpt: true } } },
  });
  // A custom GPT is classified by its parts (GptState.gpt), not by connectors; one without its state is left as is.
  const classified = agents.flatMap((a) => {
    if (a.kind !== 'custom_gpt') return [{ id: a.id, c: classify(a).classification }];
    return a.gptState ? [{ id: a.id, c: classifyGpt(a, a.gptState.gpt as unknown as GptLegInput) }] : [];
  });
  let changed = 0;
  for (let i = 0; i < classified.length; i += BATCH) {
    const batch = classified.slice(i, i + BATCH).map(({ id, c }) => ({ id, ...classificationColumns(c) }));
    changed += await tx.$executeRawUnsafe(
      `UPDATE "Agent" a SET "appIds" = ARRAY(SELECT jsonb_array_elements_text(u.app_ids::jsonb)),
         "unknownApps" = ARRAY(SELECT jsonb_array_elements_text(u.unknown::jsonb)),
         "unclassifiedMcp" = ARRAY(SELECT jsonb_array_elements_text(u.mcp::jsonb)),
         legs = u.legs::jsonb, "legCount" = u.leg_count, trifecta = u.trifecta, "effectiveState" = u.state,
         "breakApps" = ARRAY(SELECT jsonb_array_elements_text(u.break_apps::jsonb))
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::bool[], $8::text[],
       $9::text[])
         AS u(id, app_ids, unknown, mcp, legs, leg_count, trifecta, state, break_apps)
       WHERE a.id = u.id AND (a."appIds" IS DISTINCT FROM ARRAY(SELECT jsonb_array_elements_text(u.app_ids::jsonb))
         OR a.legs IS DISTINCT FROM u.legs::jsonb OR a."effectiveState" <> u.state
         OR a."breakApps" IS DISTINCT FROM ARRAY(SELECT jsonb_array_elements_text(u.break_apps::jsonb))
         OR a."unknownApps" IS DISTINCT FROM ARRAY(SELECT jsonb_array_elements_text(u.unknown::jsonb))
         OR a."unclassifiedMcp" IS DISTINCT FROM ARRAY(SELECT jsonb_array_elements_text(u.mcp::jsonb)))`,
      batch.map((b) => b.id),
      batch.map((b) => JSON.stringify(b.appIds)),
      batch.map((b) => JSON.stringify(b.unknownApps)),
      batch.map((b) => JSON.stringify(b.unclassifiedMcp)),
      batch.map((b) => JSON.stringify(b.legs)),
      batch.map((b) => b.legCount),
      batch.map((b) => b.trifecta),
      batch.map((b) => b.effectiveState),
      batch.map((b) => JSON.stringify(b.breakApps)),
    );
  }
  return changed;
}
