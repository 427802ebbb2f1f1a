-- Compliance Logs partitioned by time (decision 0032): LogEvent by week, LogContent by day, both ranges of "at"
-- with a default partition for stragglers. Prisma does not model partitioning: schema.prisma describes the columns
-- and keys, and the drift check compares the partitioned parents and skips their partitions. The partition job
-- (lib/logs/partitions.ts) keeps partitions ahead, moves stragglers out of the defaults and drops what retention
-- ends. Existing rows move into the partitions here.

-- Exactly-once keeps its own key: a unique key on a partitioned table must contain the partition key, so the
-- (principal, event_id) identity lives here, written in the event's transaction.
CREATE TABLE "LogEventKey" (
    "principalId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    CONSTRAINT "LogEventKey_pkey" PRIMARY KEY ("principalId","eventId")
);
INSERT INTO "LogEventKey" ("principalId", "eventId") SELECT "principalId", "eventId" FROM "LogEvent";

-- Stored events stay append-only; only the partition job, inside its own transaction, deletes: it moves stragglers
-- out of the default partition and drops what event retention ends.
CREATE FUNCTION tollgate_log_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('tollgate.partition_maintenance', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '% rows are history and cannot be changed: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

ALTER TABLE "LogEvent" RENAME TO "LogEvent_unpartitioned";
ALTER TABLE "LogEvent_unpartitioned" RENAME CONSTRAINT "LogEvent_pkey" TO "LogEvent_unpartitioned_pkey";
ALTER INDEX "LogEvent_principalId_agentId_at_idx" RENAME TO "LogEvent_unpartitioned_agent_idx";

CREATE TABLE "LogEvent" (
    "principalId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "eventType" TEXT,
    "at" TIMESTAMPTZ(6) NOT NULL,
    "agentId" TEXT,
    "actorEmail" TEXT,
    "record" JSON NOT NULL,
    "fileId" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "ingestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LogEvent_pkey" PRIMARY KEY ("principalId","eventId","at")
) PARTITION BY RANGE ("at");
CREATE INDEX "LogEvent_principalId_agentId_at_idx" ON "LogEvent"("principalId", "agentId", "at");
CREATE TRIGGER "LogEvent_no_update_delete" BEFORE UPDATE OR DELETE ON "LogEvent"
  FOR EACH ROW EXECUTE FUNCTION tollgate_log_event_append_only();
CREATE TABLE "LogEvent_default" PARTITION OF "LogEvent" DEFAULT;

ALTER TABLE "LogContent" RENAME TO "LogContent_unpartitioned";
ALTER TABLE "LogContent_unpartitioned" RENAME CONSTRAINT "LogContent_pkey" TO "LogContent_unpartitioned_pkey";
ALTER INDEX "LogContent_logType_at_idx" RENAME TO "LogContent_unpartitioned_type_idx";

CREATE TABLE "LogContent" (
    "principalId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "logType" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "at" TIMESTAMPTZ(6) NOT NULL,
    CONSTRAINT "LogContent_pkey" PRIMARY KEY ("principalId","eventId","path","at")
) PARTITION BY RANGE ("at");
CREATE INDEX "LogContent_logType_at_idx" ON "LogContent"("logType", "at");
CREATE TABLE "LogContent_default" PARTITION OF "LogContent" DEFAULT;

-- Weeks start on Monday 00:00 UTC (2001-01-01 was one), days at 00:00 UTC; a partition is named after its first
-- day. The weeks that hold events of the last 400 days, through 4 weeks ahead; the days that hold content still
-- kept (at most 400 days back), through 7 days ahead. Anything older or further ahead waits in the default.
DO $$
DECLARE
  origin CONSTANT timestamptz := '2001-01-01 00:00:00+00';
  -- GREATEST skips NULLs: an empty table starts at now().
  oldest timestamptz := LEAST(GREATEST(COALESCE((SELECT min(at) FROM "LogEvent_unpartitioned"), now()),
                                       now() - interval '400 days'), now());
  kept int := LEAST(GREATEST(COALESCE((SELECT max(days) FROM "ContentRetention"), 30), 30), 400);
  since timestamptz;
  upto timestamptz;
  lo timestamptz;
BEGIN
  lo := date_bin('7 days', oldest, origin);
  upto := date_bin('7 days', now(), origin) + interval '28 days';
  WHILE lo <= upto LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF "LogEvent" FOR VALUES FROM (%L) TO (%L)',
      'LogEvent_' || to_char(lo AT TIME ZONE 'UTC', 'YYYYMMDD'), lo, lo + interval '7 days');
    lo := lo + interval '7 days';
  END LOOP;
  since := LEAST(GREATEST(COALESCE((SELECT min(at) FROM "LogContent_unpartitioned"), now()),
                          now() - make_interval(days => kept + 1)), now());
  lo := date_bin('1 day', since, origin);
  upto := date_bin('1 day', now(), origin) + interval '7 days';
  WHILE lo <= upto LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF "LogContent" FOR VALUES FROM (%L) TO (%L)',
      'LogContent_' || to_char(lo AT TIME ZONE 'UTC', 'YYYYMMDD'), lo, lo + interval '1 day');
    lo := lo + interval '1 day';
  END LOOP;
END
$$;

INSERT INTO "LogEvent" ("principalId", "eventId", "type", "eventType", "at", "agentId", "actorEmail", "record",
  "fileId", "line", "ingestedAt")
SELECT "principalId", "eventId", "type", "eventType", "at", "agentId", "actorEmail", "record", "fileId", "line",
  "ingestedAt" FROM "LogEvent_unpartitioned";
DROP TABLE "LogEvent_unpartitioned";

INSERT INTO "LogContent" ("principalId", "eventId", "logType", "path", "text", "at")
SELECT "principalId", "eventId", "logType", "path", "text", "at" FROM "LogContent_unpartitioned";
DROP TABLE "LogContent_unpartitioned";
