// Changing a finding by hand: its owner and due date (what it is about is only ever evaluated).
import type { Db } from '@/lib/db.ts';
import { recordAudit, type Actor } from '@/lib/audit/record.ts';
import { recordVersions } from '@/lib/history/versions.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { findingVersionData } from './sync.ts';

export type AssignInput = { owner: string | null; dueAt: Date };

export async function assignFinding(
  db: Db,
  actor: Actor,
  workspaceId: string,
  findingId: string,
  input: AssignInput,
  now = new Date(),
) {
  return db.$transaction(async (tx) => {
    // The same lock as syncFindings, so a sync never writes over a change made meanwhile.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`findings:${workspaceId}`}))`;
    const before = await tx.finding.findFirst({ where: { id: findingId, workspaceId } });
    if (!before) throw new AppError('not_found', 'No such finding in this workspace.');
    const owner = input.owner?.trim().toLowerCase() || null;
    if (before.owner === owner && before.dueAt.getTime() === input.dueAt.getTime())
      throw new AppError('conflict', 'Nothing changed: the owner and due date are already set so.');
    const after = await tx.finding.update({
      where: { id: before.id },
      data: { owner, dueAt: input.dueAt, updatedAt: now },
    });
    await recordVersions(tx, [
      { workspaceId, entity: 'finding', entityId: after.id, at: now, data: findingVersionData(after) },
    ]);
    await recordAudit(tx, actor, {
      action: 'finding.assign',
      targetType: 'finding',
      targetId: after.id,
      workspaceId,
      diff: {
        key: after.key,
        owner: { from: before.owner, to: after.owner },
        dueAt: { from: before.dueAt.toISOString(), to: after.dueAt.toISOString() },
      },
    });
    return after;
  });
}
