// What the CISO overview shows, from the latest posture snapshot (fast whatever the fleet's size) and the
// snapshots before it: the trend, one point per UTC day (that day's last snapshot).
import type { Db } from '@/lib/db.ts';
import { takeSnapshot, type Counts, type SnapshotData } from './snapshot.ts';

const DAY = 86_400_000;

export type TrendPoint = {
  day: string;
  overall: number;
  exposed: number;
  mitigated: number;
  accepted: number;
  critical: number;
  high: number;
  expiring: number;
} & Record<`s${number}`, number | null> &
  Record<`f_${string}`, number | null>;

type Overview = { at: Date; data: SnapshotData; trend: TrendPoint[] };
// The latest snapshot's overview, per workspace, until a newer snapshot or a new day: the page then costs one
// index lookup however large the snapshot (the Overview is what every CISO opens first).
const shared = globalThis as { __tollgateOverview?: Map<string, { key: string; value: Overview }> };
shared.__tollgateOverview ??= new Map();
const cache = shared.__tollgateOverview;

export async function postureOverview(db: Db, workspaceId: string, now = new Date(), days = 60) {
  const head = await db.postureSnapshot.findFirst({
    where: { workspaceId },
    orderBy: { at: 'desc' },
    select: { id: true },
  });
  const key = `${head?.id ?? 'none'}|${now.toISOString().slice(0, 10)}|${days}`;
  const cached = cache.get(workspaceId);
  const overview = cached?.key === key ? cached.value : await loadOverview(db, workspaceId, now, days);
  if (cached?.key !== key && head) cache.set(workspaceId, { key, value: overview });
  const expired = await db.exception.findMany({
    where: { workspaceId, status: 'approved', reviewAt: { lte: now } },
    orderBy: { reviewAt: 'desc' },
    take: 10,
    select: { id: true, title: true, reviewAt: true },
  });
  return { ...overview, expired };
}

async function loadOverview(db: Db, workspaceId: string, now: Date, days: number): Promise<Overview> {
  let latest = await db.postureSnapshot.findFirst({ where: { workspaceId }, orderBy: { at: 'desc' } });
  // Before the first scheduled run (a new install), take one so the page is never empty.
  if (!latest) latest = await takeSnapshot(db, workspaceId, 'change', now);
  const trend = await postureTrend(db, workspaceId, now, days);
  return { at: latest!.at, data: latest!.data as unknown as SnapshotData, trend };
}

/** One point per UTC day over the last `days` days (that day's last snapshot), oldest first; reads no full `data`. */
export async function postureTrend(db: Db, workspaceId: string, now: Date, days: number): Promise<TrendPoint[]> {
  // Each day's last snapshot, and only the small figures the charts draw (never a snapshot's full data).
  const rows = await db.$queryRaw<
    {
      day: string;
      overall: number;
      counts: SnapshotData['counts'];
      sections: SnapshotData['sections'];
      frameworks: Record<string, number | null> | null;
    }[]
  >`
    SELECT DISTINCT ON (day) to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, overall, trend->'counts' AS counts,
    trend->'sections' AS sections, trend->'frameworks' AS frameworks
    FROM "PostureSnapshot" WHERE "workspaceId" = ${workspaceId} AND at >= ${new Date(now.getTime() - days * DAY)}
    ORDER BY day, at DESC`;
  return rows.map((d) => ({
    day: d.day,
    overall: d.overall,
    exposed: d.counts.trifecta.exposed,
    mitigated: d.counts.trifecta.mitigated,
    accepted: d.counts.trifecta.accepted,
    critical: d.counts.alerts.critical,
    high: d.counts.alerts.high,
    expiring: d.counts.exceptionsExpiring,
    ...Object.fromEntries(d.sections.map((s) => [`s${s.section}`, s.score])),
    // Days before the AI frameworks were scored have no point for them (a gap, not a zero).
    ...Object.fromEntries(Object.entries(d.frameworks ?? {}).map(([k, v]) => [`f_${k}`, v])),
  })) as TrendPoint[];
}

export type TrifectaFigure = Counts['trifecta'] & { at: Date };

/**
 * The Overview's trifecta figures, from one source for every panel that shows them: the latest snapshot (the
 * exposed count is the one 6.4 judged), with its time. A live count beside a snapshot's showed "31 exposed" and
 * "32 exposed" on one page. Reads only the small trend column.
 */
export async function trifectaFigure(db: Db, workspaceId: string): Promise<TrifectaFigure | null> {
  const row = await db.postureSnapshot.findFirst({
    where: { workspaceId },
    orderBy: { at: 'desc' },
    select: { at: true, trend: true },
  });
  const counts = (row?.trend as { counts?: Counts } | null)?.counts;
  return row && counts ? { ...counts.trifecta, at: row.at } : null;
}
