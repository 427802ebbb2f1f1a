-- CreateTable
CREATE TABLE "LogEventCount" (
    "principalId" text NOT NULL,
    "type" text NOT NULL,
    "eventType" text NOT NULL,
    "events" bigint NOT NULL,
    "newest" timestamp(6) with time zone NOT NULL,
    CONSTRAINT "LogEventCount_pkey" PRIMARY KEY ("principalId", type, "eventType")
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

-- Counts for the events stored before this table existed.
INSERT INTO "LogEventCount" ("principalId", "type", "eventType", "events", "newest")
SELECT "principalId", "type", COALESCE("eventType", ''), count(*), max("at") FROM "LogEvent" GROUP BY 1, 2, 3;
