// A reviewer classifies a GPT action whose OpenAPI schema cannot be read (decision 0023): the legs it lights,
// stored per workspace by the document's SHA-256 (else its domain), so every GPT carrying the same unreadable
// document follows and a changed document is unknown again. One transaction: the row, the audit event
// (legs from → to), every GPT carrying the action reclassified, and the findings re-evaluated.
import type { Db, Tx } from '@/lib/db.ts';
import { reclassifyWorkspace } from '@/lib/agents/reclassify.ts';
import { currentCatalogue } from '@/lib/apps/queries.ts';
import { recordAudit, type Actor } from '@/lib/audit/record.ts';
import { syncFindings } from '@/lib/findings/sync.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { MAX_ACTION_NOTE, parseReviewLegs } from '@/lib/gpts/action-review.ts';
import { actionReviewKey } from '@/lib/gpts/legs.ts';
import { SYNC_TRANSACTION } from '@/lib/gpts/policy-service.ts';
import { GPT_KIND } from '@/lib/gpts/queries.ts';
import type { GptAction } from '@/lib/gpts/types.ts';

export type ClassifyActionInput = { gptId: string; reviewKey: string; legs: readonly string[]; note?: string | null };

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export async function classifyGptAction(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: ClassifyActionInput,
  now = new Date(),
): Promise<{ changed: boolean; reclassified: number }> {
  const parsed = parseReviewLegs(input.legs);
  if (!parsed.ok) throw new AppError('unprocessable', `“${parsed.bad.slice(0, 40)}” is not a leg.`);
  const note = input.note?.trim() || null;
  if (note && note.length > MAX_ACTION_NOTE)
    throw new AppError('unprocessable', `The note is too long (at most ${MAX_ACTION_NOTE} characters).`);
  const { legs } = parsed;
  return db.$transaction(async (tx) => {
    // The GPT read's own lock: a page of a read in flight commits first, then every carrier is reclassified.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`gpts:${workspaceId}`}))`;
    const action = await unknownActionOf(tx, workspaceId, input.gptId, input.reviewKey);
    const key = { workspaceId_reviewKey: { workspaceId, reviewKey: input.reviewKey } };
    const before = await tx.gptActionReview.findUnique({ where: key, select: { legs: true, note: true } });
    if (before && sameList(before.legs, legs) && before.note === note) return { changed: false, reclassified: 0 };
    const row = { legs, domain: action.domain, note, setBy: actor.label, setAt: now };
    await tx.gptActionReview.upsert({
      where: key,
      create: { workspaceId, reviewKey: input.reviewKey, ...row },
      update: row,
    });
    await recordAudit(tx, actor, {
      action: 'gpts.action.classify',
      targetType: 'agent',
      targetId: input.gptId,
      workspaceId,
      at: now,
      diff: { reviewKey: input.reviewKey, domain: action.domain, legs: { from: before?.legs ?? null, to: legs }, note },
    });
    const carriers = await gptsCarrying(tx, workspaceId, input.reviewKey);
    const reclassified = await reclassifyWorkspace(
      tx,
      workspaceId,
      await currentCatalogue(tx, workspaceId),
      carriers,
      now,
    );
    await syncFindings(tx, workspaceId, now, actor);
    return { changed: true, reclassified };
  }, SYNC_TRANSACTION);
}

/** The GPT's unreadable action under this key: a readable action has its legs from its schema, not a reviewer. */
async function unknownActionOf(tx: Tx, workspaceId: string, gptId: string, reviewKey: string): Promise<GptAction> {
  const agent = await tx.agent.findUnique({
    where: { workspaceId_externalId: { workspaceId, externalId: gptId } },
    select: { kind: true, gptState: { select: { gpt: true } } },
  });
  if (!agent || agent.kind !== GPT_KIND) throw new AppError('not_found', `No GPT ${gptId} in this workspace.`);
  const actions = ((agent.gptState?.gpt ?? null) as { actions?: GptAction[] } | null)?.actions ?? [];
  const action = actions.find((a) => a.schemaStatus === 'unknown' && actionReviewKey(a) === reviewKey);
  if (!action)
    throw new AppError('not_found', 'The GPT has no unreadable action with this schema (it may have changed).');
  return action;
}

/** Every GPT of the workspace whose latest configuration has an unreadable action under this key. */
async function gptsCarrying(tx: Tx, workspaceId: string, reviewKey: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ agentId: string; actions: GptAction[] }[]>`
    SELECT "agentId", gpt->'actions' AS actions FROM "GptState"
    WHERE "workspaceId" = ${workspaceId} AND gpt->'actions' @> '[{"schemaStatus":"unknown"}]'::jsonb`;
  return rows
    .filter((r) => r.actions.some((a) => a.schemaStatus === 'unknown' && actionReviewKey(a) === reviewKey))
    .map((r) => r.agentId);
}
