// Stored events found by their event ids (an alert's evidence). LogEvent keeps no key by event id (decision 0032:
// it would cost every ingested event an index insert), so the lookup goes through LogEventKey, which keeps each
// event's time and agent: the time picks the week's partition, and LogEvent's (principal, agent, at) index the row.
import type { Db } from '@/lib/db.ts';
import { Prisma } from '@/lib/generated/prisma/client.ts';

export type StoredEvent = {
  eventId: string;
  type: string;
  eventType: string | null;
  at: Date;
  actorEmail: string | null;
  record: unknown;
  fileId: string;
  line: number;
};

const FIELDS = Prisma.sql`e."eventId", e.type, e."eventType", e.at, e."actorEmail", e.record, e."fileId", e.line`;

/** The principal's stored events among `eventIds`, oldest first; ids never stored are left out. */
export async function eventsById(db: Db, principal: string, eventIds: string[]): Promise<StoredEvent[]> {
  if (eventIds.length === 0) return [];
  // Three branches, at most one runs per key: with an agent, without one (an index can match NULL only with
  // IS NULL), and a key written without its place (fixtures, keys older than the column), which reads every week.
  return db.$queryRaw<StoredEvent[]>`
    SELECT e.* FROM "LogEventKey" k CROSS JOIN LATERAL (
      SELECT ${FIELDS} FROM "LogEvent" e WHERE e."principalId" = k."principalId" AND e."agentId" = k."agentId"
        AND e.at = k.at AND e."eventId" = k."eventId"
      UNION ALL
      SELECT ${FIELDS} FROM "LogEvent" e WHERE k."agentId" IS NULL AND k.at IS NOT NULL
        AND e."principalId" = k."principalId" AND e."agentId" IS NULL AND e.at = k.at AND e."eventId" = k."eventId"
      UNION ALL
      SELECT ${FIELDS} FROM "LogEvent" e WHERE k.at IS NULL
        AND e."principalId" = k."principalId" AND e."eventId" = k."eventId"
    ) e
    WHERE k."principalId" = ${principal} AND k."eventId" = ANY(${eventIds}::text[])
    ORDER BY e.at, e."eventId"`;
}
