// What the Sources page shows: files ingested, their quarantined lines, freshness and counts per log type,
// and the puller's windows with their gaps.
import type { Db, Tx } from '@/lib/db.ts';
import type { PartitionedTable } from './partition-plan.ts';
import { eventUse, type EventUse } from './event-types.ts';
import { windowGaps, type WindowGap } from './puller/windows.ts';

/** The guide's p99 delivery bound: a log type is live when it was read within this window. */
export const LIVE_WITHIN_MS = 30 * 60 * 1000;

export async function listLogFiles(db: Db, take = 50) {
  return db.logFile.findMany({
    orderBy: { startedAt: 'desc' },
    take,
    select: {
      id: true,
      source: true,
      name: true,
      sha256: true,
      platformChecksum: true,
      size: true,
      lines: true,
      inserted: true,
      duplicates: true,
      quarantined: true,
      firstEventAt: true,
      lastEventAt: true,
      status: true,
      repeatOf: true,
      error: true,
      startedBy: true,
      startedAt: true,
      finishedAt: true,
    },
  });
}

export async function quarantinedLines(db: Db, fileId: string, take = 200) {
  return db.logQuarantine.findMany({
    where: { fileId },
    orderBy: { line: 'asc' },
    take,
    select: { line: true, reason: true, excerpt: true },
  });
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
export async function freshness(
  db: Db,
  workspaceId: string,
  principal: string,
  pulled: string[],
  now: Date,
): Promise<Freshness[]> {
  const [events, checkpoints] = await Promise.all([
    db.$queryRaw<
      { type: string; newest: Date; n: bigint }[]
    >`SELECT type, max(newest) AS newest, sum(events)::bigint AS n FROM "LogEventCount"
      WHERE "principalId" = ${principal} GROUP BY type`,
    db.pullCheckpoint.findMany({ where: { workspaceId } }),
  ]);
  const types = [...new Set([...pulled, ...events.map((e) => e.type), ...checkpoints.map((c) => c.logType)])].sort();
  return types.map((logType) => {
    const e = events.find((x) => x.type === logType);
    const c = checkpoints.find((x) => x.logType === logType);
    const lastRead = c?.lastSuccessAt ?? (pulled.includes(logType) ? null : (e?.newest ?? null));
    const status = lastRead === null ? 'never' : now.getTime() - lastRead.getTime() < LIVE_WITHIN_MS ? 'live' : 'stale';
    return {
      logType,
      newestEventAt: e?.newest ?? null,
      events: Number(e?.n ?? 0),
      lastPullAt: c?.lastPullAt ?? null,
      lastSuccessAt: c?.lastSuccessAt ?? null,
      lastError: c?.lastError ?? null,
      failures: c?.failures ?? 0,
      status,
    };
  });
}

export type EventTypeCount = { type: string; eventType: string; events: number; newest: Date; use: EventUse };

/** Every (type, event type) stored for the principal, known or not: unknown ones first, then by volume. */
export async function eventTypeCounts(db: Db, principal: string): Promise<EventTypeCount[]> {
  const rows = await db.logEventCount.findMany({
    where: { principalId: principal },
    select: { type: true, eventType: true, events: true, newest: true },
  });
  const rank = (u: EventUse) => (u === 'unknown-type' || u === 'unknown-event' ? 0 : 1);
  return rows
    .map((r) => ({ ...r, events: Number(r.events), use: eventUse(r.type, r.eventType) }))
    .sort(
      (a, b) =>
        rank(a.use) - rank(b.use) ||
        b.events - a.events ||
        a.type.localeCompare(b.type) ||
        a.eventType.localeCompare(b.eventType),
    );
}

/** The puller's recent windows of a workspace and the gaps among them (the last 14 days). */
export async function pullWindows(
  db: Db,
  workspaceId: string,
  now: Date,
  days = 14,
): Promise<{
  windows: {
    logType: string;
    after: string | null;
    until: string | null;
    pulledAt: Date;
    files: number;
    inserted: number;
  }[];
  gaps: WindowGap[];
}> {
  const windows = await db.pullWindow.findMany({
    where: { workspaceId, pulledAt: { gte: new Date(now.getTime() - days * 86_400_000) } },
    orderBy: { pulledAt: 'desc' },
    select: { logType: true, after: true, until: true, pulledAt: true, files: true, inserted: true },
  });
  return { windows, gaps: windowGaps(windows, now) };
}

/** The workspace's Compliance Logs source settings (null before any is saved). */
export function complianceSourceOf(db: Db, workspaceId: string) {
  return db.complianceSource.findUnique({
    where: { workspaceId },
    select: { baseUrl: true, logTypes: true, enabled: true, updatedAt: true, updatedBy: true },
  });
}

/** The workspace's principal (the ChatGPT workspace its logs name), null when not set. */
export async function workspacePrincipal(db: Db, workspaceId: string): Promise<string | null> {
  return (
    (await db.workspace.findUnique({ where: { id: workspaceId }, select: { principal: true } }))?.principal ?? null
  );
}

/** A log file's header (name, source, start, digest, quarantine and line counts), null when unknown. */
export function logFileHeader(db: Db, id: string) {
  return db.logFile.findUnique({
    where: { id },
    select: { name: true, source: true, startedAt: true, sha256: true, quarantined: true, lines: true },
  });
}

/** The partitions of LogEvent or LogContent by name (decision 0032), the default one included. */
export async function partitionNames(db: Db | Tx, table: PartitionedTable): Promise<string[]> {
  const rows = await db.$queryRaw<{ name: string }[]>`
    SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = to_regclass(${`"${table}"`}) ORDER BY 1`;
  return rows.map((r) => r.name);
}
