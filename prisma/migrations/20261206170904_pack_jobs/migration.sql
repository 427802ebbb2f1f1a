-- CreateTable
CREATE TABLE "PackJob" (
    "id" uuid NOT NULL,
    "workspaceId" text NOT NULL,
    "actorId" text,
    "actorLabel" text NOT NULL,
    "actorRole" text,
    "framework" text NOT NULL,
    "controlId" text,
    "periodFrom" timestamp(3) with time zone NOT NULL,
    "periodTo" timestamp(3) with time zone NOT NULL,
    "status" text NOT NULL DEFAULT 'queued'::text,
    "fileCount" integer NOT NULL,
    "files" integer NOT NULL DEFAULT 0,
    "bytes" bigint NOT NULL DEFAULT 0,
    "current" text NOT NULL DEFAULT ''::text,
    "filename" text NOT NULL,
    "posture" jsonb,
    "path" text,
    "sha256" text,
    "size" bigint,
    "manifestSha256" text,
    "error" text,
    "worker" text,
    "attempt" integer NOT NULL DEFAULT 0,
    "heartbeatAt" timestamp(3) with time zone,
    "createdAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" timestamp(3) with time zone,
    "finishedAt" timestamp(3) with time zone,
    "downloadedAt" timestamp(3) with time zone,
    CONSTRAINT "PackJob_pkey" PRIMARY KEY (id)
);

-- CreateIndex
CREATE INDEX "PackJob_status_heartbeatAt_idx" ON "PackJob" USING btree (status, "heartbeatAt");

-- CreateIndex
CREATE INDEX "PackJob_workspaceId_createdAt_idx" ON "PackJob" USING btree ("workspaceId", "createdAt");
