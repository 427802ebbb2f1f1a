-- Outgoing webhooks become first-class (issue 19). The alert webhook of each workspace becomes one subscription
-- (format slack; alert.raised at its minimum severity, and exception.expiring, whose notices it carried), with
-- its sealed URL copied as it is: subscriptions seal URLs under the same secret-box purpose, so it keeps
-- opening. Its delivery history moves too: one alert.raised event per delivered alert, one delivery each.

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" uuid NOT NULL,
    "subscriptionId" uuid NOT NULL,
    "eventId" uuid NOT NULL,
    "status" text NOT NULL DEFAULT 'pending'::text,
    "attempts" integer NOT NULL DEFAULT 0,
    "nextAttemptAt" timestamp(3) with time zone NOT NULL,
    "lastAttemptAt" timestamp(3) with time zone,
    "lastDurationMs" integer,
    "lastStatus" integer,
    "lastError" text,
    "sentAt" timestamp(3) with time zone,
    "createdAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" uuid NOT NULL,
    "workspaceId" text NOT NULL,
    "type" text NOT NULL,
    "subjectId" text NOT NULL,
    "data" jsonb NOT NULL,
    "occurredAt" timestamp(3) with time zone NOT NULL,
    CONSTRAINT "WebhookEvent_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "WebhookSubscription" (
    "id" uuid NOT NULL,
    "workspaceId" text NOT NULL,
    "urlCiphertext" text NOT NULL,
    "urlHost" text NOT NULL,
    "secretCiphertext" text,
    "format" text NOT NULL DEFAULT 'tollgate'::text,
    "eventTypes" text[],
    "minSeverity" text,
    "enabled" boolean NOT NULL DEFAULT true,
    "description" text NOT NULL DEFAULT ''::text,
    "createdBy" text NOT NULL,
    "createdAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedBy" text NOT NULL,
    "updatedAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WebhookSubscription_pkey" PRIMARY KEY (id)
);

-- CreateIndex
CREATE INDEX "WebhookDelivery_eventId_idx" ON "WebhookDelivery" USING btree ("eventId");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery" USING btree (status, "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_subscriptionId_createdAt_idx" ON "WebhookDelivery" USING btree ("subscriptionId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_subscriptionId_eventId_key" ON "WebhookDelivery" USING btree ("subscriptionId", "eventId");

-- CreateIndex
CREATE INDEX "WebhookEvent_type_subjectId_idx" ON "WebhookEvent" USING btree (type, "subjectId");

-- CreateIndex
CREATE INDEX "WebhookSubscription_workspaceId_createdAt_idx" ON "WebhookSubscription" USING btree ("workspaceId", "createdAt");

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "WebhookEvent"(id) ON UPDATE CASCADE ON DELETE RESTRICT;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "WebhookSubscription"(id) ON UPDATE CASCADE ON DELETE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookSubscription" ADD CONSTRAINT "WebhookSubscription_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"(id) ON UPDATE CASCADE ON DELETE RESTRICT;

-- Move the alert webhook and its deliveries (before the old tables go).
INSERT INTO "WebhookSubscription" (id, "workspaceId", "urlCiphertext", "urlHost", "secretCiphertext", format,
  "eventTypes", "minSeverity", enabled, description, "createdBy", "createdAt", "updatedBy", "updatedAt")
SELECT gen_random_uuid(), "workspaceId", "urlCiphertext", "urlHost", NULL, 'slack',
  ARRAY['alert.raised', 'exception.expiring'], "minSeverity", enabled, 'Alert webhook (Alerts → Notifications)',
  "updatedBy", "updatedAt", "updatedBy", "updatedAt"
FROM "AlertWebhook";

INSERT INTO "WebhookEvent" (id, "workspaceId", type, "subjectId", data, "occurredAt")
SELECT gen_random_uuid(), a."workspaceId", 'alert.raised', a.id,
  jsonb_build_object('alert_id', a.id, 'rule_id', a."ruleId", 'severity', a.severity, 'title', a.title,
    'message', a.message, 'agent_id', a."agentId",
    'at', to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
  d."createdAt"
FROM "AlertDelivery" d JOIN "Alert" a ON a.id = d."alertId"
WHERE EXISTS (SELECT 1 FROM "AlertWebhook" w WHERE w."workspaceId" = d."workspaceId");

INSERT INTO "WebhookDelivery" (id, "subscriptionId", "eventId", status, attempts, "nextAttemptAt", "lastError",
  "sentAt", "createdAt")
SELECT gen_random_uuid(), s.id, e.id, d.status, d.attempts, d."nextAttemptAt", d."lastError", d."sentAt", d."createdAt"
FROM "AlertDelivery" d
JOIN "WebhookSubscription" s ON s."workspaceId" = d."workspaceId"
JOIN "WebhookEvent" e ON e.type = 'alert.raised' AND e."subjectId" = d."alertId";

-- DropForeignKey
ALTER TABLE "AlertWebhook" DROP CONSTRAINT "AlertWebhook_workspaceId_fkey";

-- DropTable
DROP TABLE "AlertDelivery";

-- DropTable
DROP TABLE "AlertWebhook";
