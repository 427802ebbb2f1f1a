-- AlterTable
ALTER TABLE "Agent" ADD COLUMN "versionId" text,
ADD COLUMN "skills" jsonb NOT NULL DEFAULT '[]'::jsonb,
ADD COLUMN "triggers" jsonb NOT NULL DEFAULT '[]'::jsonb,
ADD COLUMN "lastEventAt" timestamp(6) with time zone,
ADD COLUMN "publishedConfigHash" text;

-- AlterTable
ALTER TABLE "AgentHistory" ADD COLUMN "eventId" text;

-- CreateTable
CREATE TABLE "AgentRun" (
    "workspaceId" text NOT NULL,
    "runId" text NOT NULL,
    "agentId" text NOT NULL,
    "versionId" text,
    "invoker" jsonb NOT NULL,
    "sharedInvocation" boolean NOT NULL,
    "status" text NOT NULL,
    "startedAt" timestamp(6) with time zone,
    "endedAt" timestamp(6) with time zone,
    "durationMs" integer,
    "failure" text,
    "messages" integer NOT NULL,
    "calls" jsonb NOT NULL,
    "memory" jsonb NOT NULL,
    "skills" jsonb NOT NULL,
    CONSTRAINT "AgentRun_pkey" PRIMARY KEY ("workspaceId", "runId")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" text NOT NULL,
    "workspaceId" text NOT NULL,
    "key" text NOT NULL,
    "ruleId" text NOT NULL,
    "title" text NOT NULL,
    "severity" text NOT NULL,
    "agentId" text,
    "eventIds" text[],
    "message" text NOT NULL,
    "at" timestamp(6) with time zone NOT NULL,
    "status" text NOT NULL DEFAULT 'open'::text,
    "assignee" text,
    "createdAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Alert_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "AlertNote" (
    "id" BIGSERIAL NOT NULL,
    "alertId" text NOT NULL,
    "at" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "author" text NOT NULL,
    "kind" text NOT NULL,
    "text" text NOT NULL,
    CONSTRAINT "AlertNote_pkey" PRIMARY KEY (id)
);

-- CreateIndex
CREATE UNIQUE INDEX "AgentHistory_agentId_eventId_key" ON "AgentHistory" USING btree ("agentId", "eventId");

-- CreateIndex
CREATE INDEX "AgentRun_workspaceId_agentId_startedAt_idx" ON "AgentRun" USING btree ("workspaceId", "agentId", "startedAt");

-- CreateIndex
CREATE INDEX "Alert_workspaceId_agentId_idx" ON "Alert" USING btree ("workspaceId", "agentId");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_workspaceId_key_key" ON "Alert" USING btree ("workspaceId", key);

-- CreateIndex
CREATE INDEX "Alert_workspaceId_status_severity_idx" ON "Alert" USING btree ("workspaceId", status, severity);

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"(id) ON UPDATE CASCADE ON DELETE RESTRICT;

-- AddForeignKey
ALTER TABLE "AlertNote" ADD CONSTRAINT "AlertNote_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"(id) ON UPDATE CASCADE ON DELETE RESTRICT;
