// What the CISO overview shows, from the latest posture snapshot (fast whatever the fleet's size) and the
// snapshots before it: the trend, one point per UTC day (that day's last snapshot).
import type { Db } from '../db.ts';
import { takeSnapshot, type SnapshotData } from './snapshot.ts';

const DAY = 86_400_000;

export type TrendPoint = { day: string; overall: number; exposed: number; mitigated: number; accepted: number; critical: number; high: number; expiring: number } & Record<`s${number}`, number | null>;

export async function postureOverview(db: Db, workspaceId: string, now = new Date(), days = 60) {
  let latest = await db.postureSnapshot.findFirst({ where: { workspaceId }, orderBy: { at: 'desc' } });
  // Before the first scheduled run (a new install), take one so the page is never empty.
  if (!latest) latest = await takeSnapshot(db, workspaceId, 'change', now);
  // Each day's last snapshot, and only the figures the charts draw (a snapshot's reasons and records stay in the database).
  const rows = await db.$queryRaw<{ day: string; overall: number; counts: SnapshotData['counts']; sections: SnapshotData['sections'] }[]>`
    SELECT DISTINCT ON (day) to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, overall, data->'counts' AS counts, data->'sections' AS sections
    FROM "PostureSnapshot" WHERE "workspaceId" = ${workspaceId} AND at >= ${new Date(now.getTime() - days * DAY)}
    ORDER BY day, at DESC`;
  const trend = rows.map((d) => ({
    day: d.day, overall: d.overall,
    exposed: d.counts.trifecta.exposed, mitigated: d.counts.trifecta.mitigated, accepted: d.counts.trifecta.accepted,
    critical: d.counts.alerts.critical, high: d.counts.alerts.high, expiring: d.counts.exceptionsExpiring,
    ...Object.fromEntries(d.sections.map((s) => [`s${s.section}`, s.score])),
  })) as TrendPoint[];
  const expired = await db.exception.findMany({ where: { workspaceId, status: 'approved', reviewAt: { lte: now } }, orderBy: { reviewAt: 'desc' }, take: 10, select: { id: true, title: true, reviewAt: true } });
  return { at: latest!.at, data: latest!.data as unknown as SnapshotData, trend, expired };
}
