// A read of a workspace's GPTs, as Sources shows it: when, from where, what it found, and the objects it refused
// (each with its id, field and one-sentence reason) — a refused object is a line here, never a failed read.
import type { Db } from '@/lib/db.ts';
import { syncFindings } from '@/lib/findings/sync.ts';
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
    select: { workspaceId: true },
  });
  // The GPT findings follow what the read changed, once a read (not once a page: a sync reads every GPT).
  if (totals.created + totals.changed + totals.missing > 0)
    // A first read of a large tenant syncs thousands of GPTs at once: more than the default 5 s on a busy machine.
    await db.$transaction((tx) => syncFindings(tx, run.workspaceId, now), { timeout: 300_000 });
}
