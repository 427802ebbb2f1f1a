-- Custom GPTs (issue 17, docs/decisions/0023 "Storage"): a GPT is an Agent row of kind custom_gpt; what only a
-- GPT has (its raw platform object, every configuration version, refused objects, read runs) lives beside it.

-- CreateTable
CREATE TABLE "GptConfigVersion" (
    "id" BIGSERIAL NOT NULL,
    "agentId" text NOT NULL,
    "configId" text NOT NULL,
    "configCreatedAt" timestamp(3) with time zone,
    "riskHash" text NOT NULL,
    "config" jsonb NOT NULL,
    "raw" jsonb NOT NULL,
    "firstSeenAt" timestamp(3) with time zone NOT NULL,
    CONSTRAINT "GptConfigVersion_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "GptReadIssue" (
    "id" BIGSERIAL NOT NULL,
    "runId" text NOT NULL,
    "workspaceId" text NOT NULL,
    "objectId" text NOT NULL,
    "field" text NOT NULL,
    "reason" text NOT NULL,
    "at" timestamp(3) with time zone NOT NULL,
    CONSTRAINT "GptReadIssue_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "GptReadRun" (
    "id" text NOT NULL,
    "workspaceId" text NOT NULL,
    "source" text NOT NULL,
    "origin" text,
    "startedAt" timestamp(3) with time zone NOT NULL,
    "finishedAt" timestamp(3) with time zone,
    "complete" boolean NOT NULL DEFAULT false,
    "listed" integer NOT NULL DEFAULT 0,
    "created" integer NOT NULL DEFAULT 0,
    "changed" integer NOT NULL DEFAULT 0,
    "unchanged" integer NOT NULL DEFAULT 0,
    "missing" integer NOT NULL DEFAULT 0,
    "error" text,
    CONSTRAINT "GptReadRun_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "GptState" (
    "agentId" text NOT NULL,
    "workspaceId" text NOT NULL,
    "raw" jsonb NOT NULL,
    "rawSha256" text,
    "gpt" jsonb NOT NULL,
    "visibility" text NOT NULL,
    "recipients" jsonb NOT NULL DEFAULT '[]'::jsonb,
    "capabilities" text[],
    "configId" text,
    "platformUpdatedAt" timestamp(3) with time zone,
    "source" text NOT NULL,
    "lastReadAt" timestamp(3) with time zone NOT NULL,
    "changedAt" timestamp(3) with time zone NOT NULL,
    CONSTRAINT "GptState_pkey" PRIMARY KEY ("agentId")
);

-- CreateIndex
CREATE INDEX "GptConfigVersion_agentId_configCreatedAt_idx" ON "GptConfigVersion" USING btree ("agentId", "configCreatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "GptConfigVersion_agentId_configId_key" ON "GptConfigVersion" USING btree ("agentId", "configId");

-- CreateIndex
CREATE INDEX "GptReadIssue_runId_idx" ON "GptReadIssue" USING btree ("runId");

-- CreateIndex
CREATE INDEX "GptReadIssue_workspaceId_at_idx" ON "GptReadIssue" USING btree ("workspaceId", at);

-- CreateIndex
CREATE INDEX "GptReadRun_workspaceId_source_startedAt_idx" ON "GptReadRun" USING btree ("workspaceId", source, "startedAt");

-- CreateIndex
CREATE INDEX "GptState_workspaceId_visibility_idx" ON "GptState" USING btree ("workspaceId", visibility);

-- AddForeignKey
ALTER TABLE "GptConfigVersion" ADD CONSTRAINT "GptConfigVersion_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"(id) ON UPDATE CASCADE ON DELETE RESTRICT;

-- AddForeignKey
ALTER TABLE "GptReadIssue" ADD CONSTRAINT "GptReadIssue_runId_fkey" FOREIGN KEY ("runId") REFERENCES "GptReadRun"(id) ON UPDATE CASCADE ON DELETE CASCADE;

-- AddForeignKey
ALTER TABLE "GptState" ADD CONSTRAINT "GptState_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"(id) ON UPDATE CASCADE ON DELETE RESTRICT;
