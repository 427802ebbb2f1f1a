// Reads for the evidence page: where the posture history starts and the latest packs and OSCAL exports.
import type { Db } from '@/lib/db.ts';

/** The earliest posture snapshot's time (null before any), and the eight latest evidence exports in the audit log. */
export function evidenceOverview(db: Db, workspaceId: string) {
  return Promise.all([
    db.postureSnapshot.findFirst({ where: { workspaceId }, orderBy: { at: 'asc' }, select: { at: true } }),
    db.auditEvent.findMany({
      where: { workspaceId, action: { in: ['evidence.pack', 'evidence.oscal'] } },
      orderBy: { seq: 'desc' },
      take: 8,
      select: { seq: true, at: true, actorLabel: true, action: true, diff: true },
    }),
  ]);
}
