// The platform actions of a workspace as `tollgate actions --json` prints them (issue 18): newest first, each
// with its attempts in order. Read only.
import type { Db } from '@/lib/db.ts';

export type ActionJson = {
  id: string;
  kind: string;
  target: { id: string; file_id: string | null; label: string };
  status: string;
  reason: string;
  requested_by: string;
  requested_at: string;
  approved_by: string | null;
  attempts: { number: number; started_at: string; status: number | null; error: string | null }[];
  answer_status: number | null;
  outcome: string | null;
  confirmed_event_id: string | null;
  confirmed_at: string | null;
};

export async function actionsJson(db: Db, workspaceId: string): Promise<ActionJson[]> {
  const rows = await db.platformAction.findMany({
    where: { workspaceId },
    orderBy: [{ requestedAt: 'desc' }, { id: 'asc' }],
    include: { attempts: { orderBy: { number: 'asc' } } },
  });
  return rows.map((a) => ({
    id: a.id,
    kind: a.kind,
    target: { id: a.targetId, file_id: a.fileId, label: a.targetLabel },
    status: a.status,
    reason: a.reason,
    requested_by: a.requestedBy,
    requested_at: a.requestedAt.toISOString(),
    approved_by: a.approvedBy,
    attempts: a.attempts.map((t) => ({
      number: t.number,
      started_at: t.startedAt.toISOString(),
      status: t.status,
      error: t.error,
    })),
    answer_status: a.answerStatus,
    outcome: a.outcome,
    confirmed_event_id: a.confirmedEventId,
    confirmed_at: a.confirmedAt?.toISOString() ?? null,
  }));
}
