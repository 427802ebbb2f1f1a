// A read of a workspace's GPTs, as Sources shows it: when, from where, what it found, and the objects it refused
// (each with its id, field and one-sentence reason) — a refused object is a line here, never a failed read.
import type { Db } from '@/lib/db.ts';
import { GPT_SYNC_BATCH, gptIdsToSync, syncGptFindings } from '@/lib/findings/gpt-sync.ts';
import type { ObjectProblem } from '@/lib/gpts/platform/parse.ts';
import type { StoreCounts } from './store.ts';

export type ReadTotals = StoreCounts & { listed: number; missing: number };

export async function startGptRead(
  db: Db,
  workspaceId: string,
  source: 'api' | 'file',
  origin: string | null,
  now = new Date(),
): Promise<string> {
  const run = await db.gptReadRun.create({
    data: { workspaceId, source, origin: origin?.slice(0, 2000) ?? null, startedAt: now },
    select: { id: true },
  });
  return run.id;
}

export async function recordReadIssues(
  db: Db,
  workspaceId: string,
  runId: string,
  problems: ObjectProblem[],
  now = new Date(),
): Promise<void> {
  if (problems.length === 0) return;
  await db.gptReadIssue.createMany({
    data: problems.map((p) => ({
      runId,
      workspaceId,
      objectId: p.id.slice(0, 300),
      field: p.field.slice(0, 500),
      reason: p.message.slice(0, 1000),
      at: now,
    })),
  });
}

/** `error`: why the read stopped before the end of the list (then it is not complete). */
export async function finishGptRead(
  db: Db,
  runId: string,
  totals: ReadTotals,
  outcome: { complete: boolean; error?: string | null },
  now = new Date(),
): Promise<void> {
  const run = await db.gptReadRun.update({
    where: { id: runId },
    data: { ...totals, complete: outcome.complete, error: outcome.error?.slice(0, 1000) ?? null, finishedAt: now },
    select: { workspaceId: true, startedAt: true },
  });
  const since = await unsyncedSince(db, run.workspaceId, runId, run.startedAt);
  // Nothing changed in this read nor left behind by a failed sync: no finding to touch.
  if (totals.created + totals.changed + totals.missing === 0 && since.getTime() === run.startedAt.getTime()) return;
  // The GPT findings follow what the read changed: only the GPTs changed since the last sync that finished, in
  // batches (a first read of a large tenant would open hundreds of thousands of findings in one transaction).
  try {
    const gptIds = await gptIdsToSync(db, run.workspaceId, since);
    await syncGptFindings(db, run.workspaceId, now, { gptIds, batchSize: gptSyncBatch() });
  } catch (error) {
    // Marked on the run, so the next read syncs the GPTs changed since this one too.
    const why = error instanceof Error ? error.message : String(error);
    await db.gptReadRun.update({
      where: { id: runId },
      data: { error: `${SYNC_FAILED} ${why}`.slice(0, 1000) },
    });
    throw error;
  }
}

/** The start of a run's error when its findings sync failed (the read itself was stored). */
export const SYNC_FAILED = 'The findings sync failed:';

/** The start of the oldest run whose GPTs may not be synced yet: this run, or earlier runs whose sync failed. */
async function unsyncedSince(db: Db, workspaceId: string, runId: string, startedAt: Date): Promise<Date> {
  const before = await db.gptReadRun.findMany({
    where: { workspaceId, id: { not: runId }, startedAt: { lte: startedAt } },
    orderBy: { startedAt: 'desc' },
    select: { startedAt: true, error: true },
    take: 100,
  });
  let since = startedAt;
  for (const r of before) {
    if (!r.error?.startsWith(SYNC_FAILED)) break;
    since = r.startedAt;
  }
  return since;
}

/** GPT_FINDINGS_BATCH: GPTs per findings transaction (a test sets a small one). */
function gptSyncBatch(): number {
  const n = Number(process.env.GPT_FINDINGS_BATCH);
  return Number.isInteger(n) && n > 0 ? n : GPT_SYNC_BATCH;
}
