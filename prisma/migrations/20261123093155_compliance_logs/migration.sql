-- CreateTable
CREATE TABLE "LogEvent" (
    "principalId" text NOT NULL,
    "eventId" text NOT NULL,
    "type" text NOT NULL,
    "eventType" text,
    "at" timestamp(6) with time zone NOT NULL,
    "agentId" text,
    "actorEmail" text,
    "record" jsonb NOT NULL,
    "fileId" text NOT NULL,
    "line" integer NOT NULL,
    "ingestedAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LogEvent_pkey" PRIMARY KEY ("principalId", "eventId")
);

-- CreateTable
CREATE TABLE "LogFile" (
    "id" text NOT NULL,
    "source" text NOT NULL,
    "name" text NOT NULL,
    "sha256" text NOT NULL,
    "size" bigint NOT NULL,
    "lines" integer NOT NULL DEFAULT 0,
    "inserted" integer NOT NULL DEFAULT 0,
    "duplicates" integer NOT NULL DEFAULT 0,
    "quarantined" integer NOT NULL DEFAULT 0,
    "firstEventAt" timestamp(6) with time zone,
    "lastEventAt" timestamp(6) with time zone,
    "status" text NOT NULL DEFAULT 'ingesting'::text,
    "repeatOf" text,
    "error" text,
    "startedBy" text NOT NULL,
    "startedAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" timestamp(3) with time zone,
    CONSTRAINT "LogFile_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "LogQuarantine" (
    "id" BIGSERIAL NOT NULL,
    "fileId" text NOT NULL,
    "line" integer NOT NULL,
    "reason" text NOT NULL,
    "excerpt" text NOT NULL,
    CONSTRAINT "LogQuarantine_pkey" PRIMARY KEY (id)
);

-- CreateIndex
CREATE INDEX "LogEvent_principalId_agentId_at_idx" ON "LogEvent" USING btree ("principalId", "agentId", at);

-- CreateIndex
CREATE INDEX "LogEvent_principalId_at_idx" ON "LogEvent" USING btree ("principalId", at);

-- CreateIndex
CREATE INDEX "LogEvent_principalId_type_at_idx" ON "LogEvent" USING btree ("principalId", type, at);

-- CreateIndex
CREATE INDEX "LogFile_sha256_idx" ON "LogFile" USING btree (sha256);

-- CreateIndex
CREATE INDEX "LogFile_startedAt_idx" ON "LogFile" USING btree ("startedAt");

-- CreateIndex
CREATE INDEX "LogQuarantine_fileId_line_idx" ON "LogQuarantine" USING btree ("fileId", line);

-- AddForeignKey
ALTER TABLE "LogQuarantine" ADD CONSTRAINT "LogQuarantine_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "LogFile"(id) ON UPDATE CASCADE ON DELETE RESTRICT;

-- Stored events are what the platform said: never changed or deleted.
CREATE TRIGGER "LogEvent_no_update_delete" BEFORE UPDATE OR DELETE ON "LogEvent"
  FOR EACH ROW EXECUTE FUNCTION tollgate_history_append_only();
