-- CreateTable
CREATE TABLE "ApprovalPolicy" (
    "workspaceId" text NOT NULL,
    "required" text[],
    "logged" text[],
    "updatedBy" text NOT NULL,
    "updatedAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ApprovalPolicy_pkey" PRIMARY KEY ("workspaceId")
);

-- CreateTable
CREATE TABLE "ChecklistSignoff" (
    "id" text NOT NULL,
    "workspaceId" text NOT NULL,
    "step" integer NOT NULL,
    "note" text,
    "signedById" text,
    "signedBy" text NOT NULL,
    "signedAt" timestamp(3) with time zone NOT NULL,
    "evidenceUrl" text,
    "filename" text,
    "contentType" text,
    "size" integer,
    "sha256" text,
    "content" bytea,
    CONSTRAINT "ChecklistSignoff_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "RegisterEntry" (
    "id" text NOT NULL,
    "workspaceId" text NOT NULL,
    "agentId" text NOT NULL,
    "externalId" text NOT NULL,
    "agentName" text NOT NULL,
    "ownerEmail" text NOT NULL,
    "versionId" text,
    "configHash" text NOT NULL,
    "approvers" text[],
    "decisionIds" text[],
    "effectiveAt" timestamp(3) with time zone NOT NULL,
    "conditions" text,
    "supersededAt" timestamp(3) with time zone,
    "supersededBy" text,
    CONSTRAINT "RegisterEntry_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "ReviewDecision" (
    "id" text NOT NULL,
    "workspaceId" text NOT NULL,
    "agentId" text NOT NULL,
    "configHash" text NOT NULL,
    "versionId" text,
    "sequence" integer NOT NULL,
    "decision" text NOT NULL,
    "reason" text NOT NULL,
    "reviewerId" text,
    "reviewerLabel" text NOT NULL,
    "reviewerEmail" text,
    "decidedAt" timestamp(3) with time zone NOT NULL,
    "checklist" integer[] DEFAULT ARRAY[]::integer[],
    "conditions" text,
    "exceptionIds" text[] DEFAULT ARRAY[]::text[],
    CONSTRAINT "ReviewDecision_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "RunbookSettings" (
    "workspaceId" text NOT NULL,
    "authority" text NOT NULL,
    "triggers" text[],
    "agentsAdminChannel" text,
    "grcOnCall" text,
    "incidentCommander" text,
    "drillAgentId" text,
    "updatedBy" text NOT NULL,
    "updatedAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RunbookSettings_pkey" PRIMARY KEY ("workspaceId")
);

-- CreateTable
CREATE TABLE "Suspension" (
    "id" text NOT NULL,
    "workspaceId" text NOT NULL,
    "agentId" text NOT NULL,
    "externalId" text NOT NULL,
    "kind" text NOT NULL,
    "reason" text NOT NULL,
    "triggeredById" text,
    "triggeredBy" text NOT NULL,
    "triggeredAt" timestamp(3) with time zone,
    "evidenceAt" timestamp(3) with time zone,
    "notifiedAt" timestamp(3) with time zone,
    "confirmedAt" timestamp(3) with time zone,
    "confirmedBy" text,
    "restoredAt" timestamp(3) with time zone,
    "restoredBy" text,
    "restoreReason" text,
    "restoreWorked" boolean,
    "scheduledFor" timestamp(3) with time zone,
    CONSTRAINT "Suspension_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "SuspensionEvidence" (
    "suspensionId" text NOT NULL,
    "data" jsonb NOT NULL,
    "sha256" text NOT NULL,
    "capturedAt" timestamp(3) with time zone NOT NULL,
    CONSTRAINT "SuspensionEvidence_pkey" PRIMARY KEY ("suspensionId")
);

-- CreateIndex
CREATE INDEX "ChecklistSignoff_workspaceId_step_signedAt_idx" ON "ChecklistSignoff" USING btree ("workspaceId", step, "signedAt");

-- CreateIndex
CREATE INDEX "RegisterEntry_agentId_configHash_idx" ON "RegisterEntry" USING btree ("agentId", "configHash");

-- CreateIndex
CREATE INDEX "RegisterEntry_workspaceId_effectiveAt_idx" ON "RegisterEntry" USING btree ("workspaceId", "effectiveAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewDecision_agentId_configHash_sequence_key" ON "ReviewDecision" USING btree ("agentId", "configHash", sequence);

-- CreateIndex
CREATE INDEX "ReviewDecision_workspaceId_decidedAt_idx" ON "ReviewDecision" USING btree ("workspaceId", "decidedAt");

-- CreateIndex
CREATE INDEX "Suspension_agentId_idx" ON "Suspension" USING btree ("agentId");

-- CreateIndex
CREATE INDEX "Suspension_workspaceId_triggeredAt_idx" ON "Suspension" USING btree ("workspaceId", "triggeredAt");

-- Decisions and suspension evidence are records of what happened: never updated or deleted.
CREATE TRIGGER review_decision_append_only BEFORE UPDATE OR DELETE ON "ReviewDecision"
  FOR EACH ROW EXECUTE FUNCTION tollgate_history_append_only();
CREATE TRIGGER suspension_evidence_append_only BEFORE UPDATE OR DELETE ON "SuspensionEvidence"
  FOR EACH ROW EXECUTE FUNCTION tollgate_history_append_only();
