-- CreateTable
CREATE TABLE "AlertDelivery" (
    "id" BIGSERIAL NOT NULL,
    "workspaceId" text NOT NULL,
    "alertId" text NOT NULL,
    "status" text NOT NULL DEFAULT 'pending'::text,
    "attempts" integer NOT NULL DEFAULT 0,
    "lastError" text,
    "nextAttemptAt" timestamp(3) with time zone NOT NULL,
    "sentAt" timestamp(3) with time zone,
    "createdAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AlertDelivery_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "AlertWebhook" (
    "workspaceId" text NOT NULL,
    "urlCiphertext" text NOT NULL,
    "urlHost" text NOT NULL,
    "minSeverity" text NOT NULL DEFAULT 'high'::text,
    "enabled" boolean NOT NULL DEFAULT true,
    "updatedBy" text NOT NULL,
    "updatedAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AlertWebhook_pkey" PRIMARY KEY ("workspaceId")
);

-- CreateIndex
CREATE UNIQUE INDEX "AlertDelivery_alertId_key" ON "AlertDelivery" USING btree ("alertId");

-- CreateIndex
CREATE INDEX "AlertDelivery_status_nextAttemptAt_idx" ON "AlertDelivery" USING btree (status, "nextAttemptAt");

-- CreateIndex
CREATE INDEX "AlertDelivery_workspaceId_createdAt_idx" ON "AlertDelivery" USING btree ("workspaceId", "createdAt");

-- AddForeignKey
ALTER TABLE "AlertWebhook" ADD CONSTRAINT "AlertWebhook_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"(id) ON UPDATE CASCADE ON DELETE RESTRICT;
