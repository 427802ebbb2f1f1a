// What the Sources page shows: files ingested, their quarantined lines, and freshness per log type.
import type { Db } from '../db.ts';

/** The guide's p99 delivery bound: a log type is live when it was read within this window. */
export const LIVE_WITHIN_MS = 30 * 60 * 1000;

export async function listLogFiles(db: Db, take = 50) {
  return db.logFile.findMany({
    orderBy: { startedAt: 'desc' },
    take,
    select: { id: true, source: true, name: true, sha256: true, size: true, lines: true, inserted: true, duplicates: true, quarantined: true, firstEventAt: true, lastEventAt: true, status: true, repeatOf: true, error: true, startedBy: true, startedAt: true, finishedAt: true },
  });
}

export async function quarantinedLines(db: Db, fileId: string, take = 200) {
  return db.logQuarantine.findMany({ where: { fileId }, orderBy: { line: 'asc' }, take, select: { line: true, reason: true, excerpt: true } });
}

export type Freshness = {
  logType: string;
  newestEventAt: Date | null;
  events: number;
  lastPullAt: Date | null;
  lastSuccessAt: Date | null;
  lastError: string | null;
  failures: number;
  /** live: read within 30 minutes (a successful pull, or an event from an upload); stale: older; never: nothing yet. */
  status: 'live' | 'stale' | 'never';
};

/** Per log type of a workspace's principal: newest stored event and the puller's last success. */
export async function freshness(db: Db, workspaceId: string, principal: string, pulled: string[], now: Date): Promise<Freshness[]> {
  const [events, checkpoints] = await Promise.all([
    db.$queryRaw<{ type: string; newest: Date; n: bigint }[]>`SELECT type, max(at) AS newest, count(*) AS n FROM "LogEvent" WHERE "principalId" = ${principal} GROUP BY type`,
    db.pullCheckpoint.findMany({ where: { workspaceId } }),
  ]);
  const types = [...new Set([...pulled, ...events.map((e) => e.type), ...checkpoints.map((c) => c.logType)])].sort();
  return types.map((logType) => {
    const e = events.find((x) => x.type === logType);
    const c = checkpoints.find((x) => x.logType === logType);
    const lastRead = c?.lastSuccessAt ?? (pulled.includes(logType) ? null : (e?.newest ?? null));
    const status = lastRead === null ? 'never' : now.getTime() - lastRead.getTime() < LIVE_WITHIN_MS ? 'live' : 'stale';
    return { logType, newestEventAt: e?.newest ?? null, events: Number(e?.n ?? 0), lastPullAt: c?.lastPullAt ?? null, lastSuccessAt: c?.lastSuccessAt ?? null, lastError: c?.lastError ?? null, failures: c?.failures ?? 0, status };
  });
}
