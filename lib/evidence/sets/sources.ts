// The sources set (decision 0039): every Compliance Logs event the pack's other sets name (alerts' events, the event
// behind each agent's state, the event that confirmed a platform action), with the file it came in — Tollgate's
// SHA-256 of that file and, for a file the puller read, the platform's id of it and its checksum — so an auditor can
// check the evidence against the platform's own records. An event no longer stored (retention) is listed as such.
import type { Db } from '@/lib/db.ts';
import { eventsById } from '@/lib/logs/events-by-id.ts';
import { cmp } from './read.ts';

export const SOURCE_COLUMNS = [
  'eventId',
  'stored',
  'type',
  'eventType',
  'at',
  'fileLine',
  'fileSource',
  'fileName',
  'fileSha256',
  'platformFileId',
  'platformChecksum',
  'namedBy',
];

export const SOURCES_TITLE = 'Sources: the platform files and events the evidence rests on';
export const SOURCES_NOTE =
  'Every Compliance Logs event another set names (namedBy), with the file it came in: Tollgate’s SHA-256 of the ' +
  'file and, for a file the puller read, the platform’s file id and the checksum the platform gave (when it gave ' +
  'one). stored is false for an event retention has removed since.';

type FileRow = {
  id: string;
  source: string;
  name: string;
  sha256: string;
  platformFileId: string | null;
  platformChecksum: string | null;
};
const CHUNK = 1000;

/** `named`: event id → the sets naming it. Rows in event-id order, read a thousand events at a time. */
export async function* sourceRows(
  db: Db,
  workspaceId: string,
  named: Map<string, Set<string>>,
): AsyncIterable<Record<string, unknown>> {
  const ids = [...named.keys()].sort(cmp);
  if (ids.length === 0) return;
  const workspace = await db.workspace.findUnique({ where: { id: workspaceId }, select: { principal: true } });
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const events = workspace?.principal ? await eventsById(db, workspace.principal, chunk) : [];
    const byId = new Map(events.map((e) => [e.eventId, e]));
    const files = await filesOf(db, [...new Set(events.map((e) => e.fileId))]);
    for (const eventId of chunk) {
      const e = byId.get(eventId);
      const f = e ? files.get(e.fileId) : undefined;
      yield {
        eventId,
        stored: e !== undefined,
        type: e?.type ?? null,
        eventType: e?.eventType ?? null,
        at: e?.at ?? null,
        fileLine: e?.line ?? null,
        fileSource: f?.source ?? null,
        fileName: f?.name ?? null,
        fileSha256: f?.sha256 ?? null,
        platformFileId: f?.platformFileId ?? null,
        platformChecksum: f?.platformChecksum ?? null,
        namedBy: [...named.get(eventId)!].sort(cmp),
      };
    }
  }
}

/**
 * The files events were stored from. A file first stored from an upload and later read by the puller (the same
 * bytes: a repeat) takes its platform id and checksum from that later copy.
 */
async function filesOf(db: Db, ids: string[]): Promise<Map<string, FileRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.$queryRaw<FileRow[]>`
    SELECT f.id, f.source, f.name, f.sha256,
      COALESCE(f."platformFileId", r."platformFileId") AS "platformFileId",
      CASE WHEN f."platformFileId" IS NOT NULL THEN f."platformChecksum" ELSE r."platformChecksum" END
        AS "platformChecksum"
    FROM "LogFile" f
    LEFT JOIN LATERAL (
      SELECT "platformFileId", "platformChecksum" FROM "LogFile" c
      WHERE f."platformFileId" IS NULL AND c."repeatOf" = f.id AND c."platformFileId" IS NOT NULL
      ORDER BY c."startedAt", c.id LIMIT 1
    ) r ON true
    WHERE f.id = ANY(${ids}::text[])`;
  return new Map(rows.map((r) => [r.id, r]));
}
