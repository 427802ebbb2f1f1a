// The GPT findings synced a batch of GPTs at a time, each batch its own transaction: a read of a large tenant
// would otherwise open hundreds of thousands of findings in one transaction (bench/RESULTS.md section 7). A batch
// touches only the GPT findings of its GPTs (their keys are `<kind>:<gpt id>[:<part>]`, their subject the GPT),
// so a failed batch leaves the batches before it committed and the rest to the next sync.
import type { Db } from '@/lib/db.ts';
import { type Actor, SYSTEM_ACTOR } from '@/lib/audit/record.ts';
import { GPT_FINDING_CONTROLS } from '@/lib/gpts/findings.ts';
import { GPT_KIND } from '@/lib/gpts/queries.ts';
import { gptFindingDrafts } from './gpt.ts';
import { loadGptSnapshot } from './gpt-snapshot.ts';
import { applyDrafts, lockFindings } from './sync.ts';

/** How many findings a sync opened, reopened, updated and resolved, and how many of its GPTs' are open. */
export type GptSyncCounts = { opened: number; reopened: number; updated: number; resolved: number; open: number };

export const GPT_FINDING_KINDS = Object.keys(GPT_FINDING_CONTROLS);
export const GPT_SYNC_BATCH = 500;

export type GptSyncOptions = {
  /** Only these GPTs (platform ids); every GPT of the workspace when absent. */
  gptIds?: string[];
  batchSize?: number;
  actor?: Actor;
  /** Per batch: a batch of 500 GPTs writes some 10,000 findings on a busy machine. */
  timeoutMs?: number;
};

/** Which GPTs a sync after a read judges: those listed whose state changed since `since` (every listed GPT when
 *  null), plus any GPT that still has an open finding but is no longer listed (its findings resolve). */
export async function gptIdsToSync(db: Db, workspaceId: string, since: Date | null): Promise<string[]> {
  const [changed, unlisted] = await Promise.all([
    db.agent.findMany({
      where: {
        workspaceId,
        kind: GPT_KIND,
        status: { not: 'deleted' },
        inLatestExport: true,
        ...(since ? { gptState: { changedAt: { gte: since } } } : {}),
      },
      select: { externalId: true },
    }),
    // In PostgreSQL: a large tenant keeps hundreds of thousands of open GPT findings, and fetching them all to
    // find the few whose GPT is no longer listed cost seconds and most of a read's memory (bench/RESULTS.md §7).
    db.$queryRaw<{ subjectId: string }[]>`
      SELECT DISTINCT f."subjectId" FROM "Finding" f
      WHERE f."workspaceId" = ${workspaceId} AND f.status = 'open' AND f.kind = ANY(${GPT_FINDING_KINDS}::text[])
        AND NOT EXISTS (SELECT 1 FROM "Agent" a WHERE a."workspaceId" = f."workspaceId"
          AND a."externalId" = f."subjectId" AND a.kind = ${GPT_KIND} AND a.status <> 'deleted'
          AND a."inLatestExport")`,
  ]);
  const ids = new Set(changed.map((a) => a.externalId));
  for (const f of unlisted) ids.add(f.subjectId);
  return [...ids].sort();
}

export async function syncGptFindings(
  db: Db,
  workspaceId: string,
  now: Date,
  options: GptSyncOptions = {},
): Promise<GptSyncCounts> {
  const ids = options.gptIds ?? (await gptIdsToSync(db, workspaceId, null));
  const size = Math.max(1, options.batchSize ?? GPT_SYNC_BATCH);
  // Only whether an owner is still on the roster is read from it: small, and the same for every batch.
  const members = await db.member.findMany({ where: { workspaceId }, select: { email: true, status: true } });
  const total: GptSyncCounts = { opened: 0, reopened: 0, updated: 0, resolved: 0, open: 0 };
  for (let i = 0; i < ids.length; i += size) {
    const batch = ids.slice(i, i + size);
    const result = await db.$transaction(
      async (tx) => {
        await lockFindings(tx, workspaceId);
        const gpts = await loadGptSnapshot(tx, workspaceId, batch);
        const drafts = gptFindingDrafts(gpts, members, now).sort((a, b) => a.key.localeCompare(b.key));
        const existing = await tx.finding.findMany({
          where: { workspaceId, kind: { in: GPT_FINDING_KINDS }, subjectId: { in: batch } },
        });
        return applyDrafts(tx, workspaceId, now, options.actor ?? SYSTEM_ACTOR, drafts, existing);
      },
      { timeout: options.timeoutMs ?? 120_000 },
    );
    // Counts only: nothing of a batch is kept once it is committed, so memory follows the batch, not the tenant.
    total.opened += result.opened.length;
    total.reopened += result.reopened.length;
    total.updated += result.updated.length;
    total.resolved += result.resolved.length;
    total.open += result.open;
  }
  return total;
}
