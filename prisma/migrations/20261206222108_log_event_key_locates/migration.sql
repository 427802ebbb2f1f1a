-- LogEvent keeps no primary key (decision 0032): its (principalId, eventId, at) index cost every ingested event a
-- third B-tree insert, and served only lookups by event id, which now go through LogEventKey. The key table gains
-- where each event is: its `at` (the week's partition) and its agent (LogEvent's agent index finds it there).
-- schema.prisma keeps the id for Prisma's client alone, mapped to "LogEvent_id_prisma_only" (never created).
ALTER TABLE "LogEventKey" ADD COLUMN "at" timestamp(6) with time zone,
ADD COLUMN "agentId" text;

-- Existing keys learn where their event is, while LogEvent's key can still find it.
UPDATE "LogEventKey" k SET "at" = e."at", "agentId" = e."agentId"
FROM "LogEvent" e WHERE e."principalId" = k."principalId" AND e."eventId" = k."eventId";

ALTER TABLE "LogEvent" DROP CONSTRAINT "LogEvent_pkey";
