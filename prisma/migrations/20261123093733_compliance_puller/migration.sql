-- CreateTable
CREATE TABLE "ComplianceSource" (
    "workspaceId" text NOT NULL,
    "baseUrl" text NOT NULL,
    "logTypes" text[],
    "keyCiphertext" text NOT NULL,
    "enabled" boolean NOT NULL DEFAULT true,
    "updatedBy" text NOT NULL,
    "updatedAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ComplianceSource_pkey" PRIMARY KEY ("workspaceId")
);

-- CreateTable
CREATE TABLE "PullCheckpoint" (
    "workspaceId" text NOT NULL,
    "logType" text NOT NULL,
    "after" text,
    "lastPullAt" timestamp(3) with time zone,
    "lastSuccessAt" timestamp(3) with time zone,
    "lastError" text,
    "failures" integer NOT NULL DEFAULT 0,
    CONSTRAINT "PullCheckpoint_pkey" PRIMARY KEY ("workspaceId", "logType")
);

-- AddForeignKey
ALTER TABLE "ComplianceSource" ADD CONSTRAINT "ComplianceSource_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"(id) ON UPDATE CASCADE ON DELETE RESTRICT;
