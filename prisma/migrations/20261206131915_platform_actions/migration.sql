-- AlterTable
ALTER TABLE "ComplianceSource" ADD COLUMN "actKeyCiphertext" text,
ADD COLUMN "keyOrigin" text,
ADD COLUMN "keyTests" jsonb;

-- AlterTable
ALTER TABLE "Suspension" ADD COLUMN "platformActionId" text,
ADD COLUMN "platformAnsweredAt" timestamp(3) with time zone;

-- CreateTable
CREATE TABLE "PlatformAction" (
    "id" text NOT NULL,
    "workspaceId" text NOT NULL,
    "kind" text NOT NULL,
    "agentId" text,
    "targetId" text NOT NULL,
    "fileId" text,
    "targetLabel" text NOT NULL,
    "reason" text NOT NULL,
    "requestedById" text,
    "requestedBy" text NOT NULL,
    "policyKey" text,
    "policyVersion" integer,
    "batchId" text,
    "requestedAt" timestamp(3) with time zone NOT NULL,
    "needsApproval" boolean NOT NULL,
    "expiresAt" timestamp(3) with time zone,
    "approvedById" text,
    "approvedBy" text,
    "approvedAt" timestamp(3) with time zone,
    "status" text NOT NULL,
    "idempotencyKey" text NOT NULL,
    "nextAttemptAt" timestamp(3) with time zone,
    "sentAt" timestamp(3) with time zone,
    "answeredAt" timestamp(3) with time zone,
    "answerStatus" integer,
    "outcome" text,
    "note" text,
    "confirmedEventId" text,
    "confirmedAt" timestamp(3) with time zone,
    "pullsWithout" integer NOT NULL DEFAULT 0,
    "suspensionId" text,
    "version" integer NOT NULL DEFAULT 1,
    CONSTRAINT "PlatformAction_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "PlatformActionAttempt" (
    "id" text NOT NULL,
    "actionId" text NOT NULL,
    "number" integer NOT NULL,
    "startedAt" timestamp(3) with time zone NOT NULL,
    "finishedAt" timestamp(3) with time zone,
    "status" integer,
    "error" text,
    "retryAfterMs" integer,
    CONSTRAINT "PlatformActionAttempt_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "ResponsePolicyDecision" (
    "id" text NOT NULL,
    "workspaceId" text NOT NULL,
    "policyKey" text NOT NULL,
    "targetId" text NOT NULL,
    "configHash" text NOT NULL,
    "mode" text NOT NULL,
    "actionId" text,
    "decidedAt" timestamp(3) with time zone NOT NULL,
    "detail" text NOT NULL,
    CONSTRAINT "ResponsePolicyDecision_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "ResponsePolicyVersion" (
    "id" text NOT NULL,
    "workspaceId" text NOT NULL,
    "version" integer NOT NULL,
    "rules" jsonb NOT NULL,
    "note" text,
    "createdBy" text NOT NULL,
    "createdAt" timestamp(3) with time zone NOT NULL,
    CONSTRAINT "ResponsePolicyVersion_pkey" PRIMARY KEY (id)
);

-- CreateIndex
CREATE INDEX "PlatformAction_agentId_idx" ON "PlatformAction" USING btree ("agentId");

-- CreateIndex
CREATE INDEX "PlatformAction_batchId_idx" ON "PlatformAction" USING btree ("batchId");

-- CreateIndex
CREATE UNIQUE INDEX "PlatformAction_idempotencyKey_key" ON "PlatformAction" USING btree ("idempotencyKey");

-- CreateIndex
CREATE INDEX "PlatformAction_workspaceId_requestedAt_idx" ON "PlatformAction" USING btree ("workspaceId", "requestedAt");

-- CreateIndex
CREATE INDEX "PlatformAction_workspaceId_status_idx" ON "PlatformAction" USING btree ("workspaceId", status);

-- CreateIndex
CREATE UNIQUE INDEX "PlatformActionAttempt_actionId_number_key" ON "PlatformActionAttempt" USING btree ("actionId", number);

-- CreateIndex
CREATE INDEX "ResponsePolicyDecision_workspaceId_decidedAt_idx" ON "ResponsePolicyDecision" USING btree ("workspaceId", "decidedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ResponsePolicyDecision_workspaceId_policyKey_targetId_confi_key" ON "ResponsePolicyDecision" USING btree ("workspaceId", "policyKey", "targetId", "configHash");

-- CreateIndex
CREATE UNIQUE INDEX "ResponsePolicyVersion_workspaceId_version_key" ON "ResponsePolicyVersion" USING btree ("workspaceId", version);

-- AddForeignKey
ALTER TABLE "PlatformActionAttempt" ADD CONSTRAINT "PlatformActionAttempt_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "PlatformAction"(id) ON UPDATE CASCADE ON DELETE CASCADE;
