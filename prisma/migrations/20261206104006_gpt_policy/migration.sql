-- AlterTable
ALTER TABLE "RegisterEntry" ADD COLUMN "kind" text NOT NULL DEFAULT 'workspace_agent'::text;

-- CreateTable
CREATE TABLE "GptFileClassification" (
    "workspaceId" text NOT NULL,
    "agentId" text NOT NULL,
    "fileId" text NOT NULL,
    "classification" text NOT NULL,
    "setBy" text NOT NULL,
    "setAt" timestamp(3) with time zone NOT NULL,
    CONSTRAINT "GptFileClassification_pkey" PRIMARY KEY ("workspaceId", "agentId", "fileId")
);

-- CreateTable
CREATE TABLE "GptPolicyVersion" (
    "id" text NOT NULL,
    "workspaceId" text NOT NULL,
    "version" integer NOT NULL,
    "policy" jsonb NOT NULL,
    "note" text,
    "createdBy" text NOT NULL,
    "createdAt" timestamp(3) with time zone NOT NULL,
    CONSTRAINT "GptPolicyVersion_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "GptUseCase" (
    "agentId" text NOT NULL,
    "workspaceId" text NOT NULL,
    "useCase" text NOT NULL,
    "setBy" text NOT NULL,
    "setAt" timestamp(3) with time zone NOT NULL,
    CONSTRAINT "GptUseCase_pkey" PRIMARY KEY ("agentId")
);

-- CreateIndex
CREATE UNIQUE INDEX "GptPolicyVersion_workspaceId_version_key" ON "GptPolicyVersion" USING btree ("workspaceId", version);

-- CreateIndex
CREATE INDEX "GptUseCase_workspaceId_idx" ON "GptUseCase" USING btree ("workspaceId");
