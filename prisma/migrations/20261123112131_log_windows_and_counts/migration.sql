-- jsonb always casts to json.
-- DropIndex
DROP INDEX "LogEvent_principalId_at_idx";

-- DropIndex
DROP INDEX "LogEvent_principalId_type_at_idx";

-- AlterTable
ALTER TABLE "LogEvent" ALTER COLUMN "record" SET DATA TYPE json USING ("record"::json);

-- CreateTable
CREATE TABLE "LogEventCount" (
    "principalId" text NOT NULL,
    "type" text NOT NULL,
    "eventType" text NOT NULL,
    "events" bigint NOT NULL,
    "newest" timestamp(6) with time zone NOT NULL,
    "oldest" timestamp(6) with time zone NOT NULL,
    CONSTRAINT "LogEventCount_pkey" PRIMARY KEY ("principalId", type, "eventType")
);

-- CreateTable
CREATE TABLE "LogFileAgent" (
    "fileId" text NOT NULL,
    "principalId" text NOT NULL,
    "agentId" text NOT NULL,
    CONSTRAINT "LogFileAgent_pkey" PRIMARY KEY ("fileId", "principalId", "agentId")
);

-- CreateTable
CREATE TABLE "PullWindow" (
    "id" BIGSERIAL NOT NULL,
    "workspaceId" text NOT NULL,
    "logType" text NOT NULL,
    "after" text,
    "until" text,
    "files" integer NOT NULL DEFAULT 0,
    "inserted" integer NOT NULL DEFAULT 0,
    "pulledAt" timestamp(3) with time zone NOT NULL,
    CONSTRAINT "PullWindow_pkey" PRIMARY KEY (id)
);

-- CreateIndex
CREATE INDEX "PullWindow_workspaceId_logType_pulledAt_idx" ON "PullWindow" USING btree ("workspaceId", "logType", "pulledAt");

-- What the events stored before these tables existed contribute.
INSERT INTO "LogEventCount" ("principalId", "type", "eventType", "events", "newest", "oldest")
SELECT "principalId", "type", COALESCE("eventType", ''), count(*), max("at"), min("at") FROM "LogEvent" GROUP BY 1, 2, 3;
INSERT INTO "LogFileAgent" ("fileId", "principalId", "agentId")
SELECT DISTINCT "fileId", "principalId", "agentId" FROM "LogEvent" WHERE "agentId" IS NOT NULL;
