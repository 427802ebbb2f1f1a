-- Access-review campaigns (issue 17 item 6, docs/decisions/0024): campaigns, their snapshotted items, owners' answers
-- with evidence, and the notices sent once each.

-- CreateTable
CREATE TABLE "Campaign" (
    "id" text NOT NULL,
    "workspaceId" text NOT NULL,
    "name" text NOT NULL,
    "scopes" text[],
    "reviewers" jsonb NOT NULL,
    "status" text NOT NULL,
    "startsAt" timestamp(3) with time zone NOT NULL,
    "dueAt" timestamp(3) with time zone NOT NULL,
    "recurrenceDays" integer,
    "startedAt" timestamp(3) with time zone,
    "endedAt" timestamp(3) with time zone,
    "createdBy" text NOT NULL,
    "createdAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "previousId" text,
    "escalatedAt" timestamp(3) with time zone,
    CONSTRAINT "Campaign_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "CampaignAnswer" (
    "id" text NOT NULL,
    "itemId" text NOT NULL,
    "ownerEmail" text NOT NULL,
    "recordedBy" text NOT NULL,
    "recordedAt" timestamp(3) with time zone NOT NULL,
    "evidenceUrl" text,
    "filename" text,
    "contentType" text,
    "size" integer,
    "sha256" text,
    "content" bytea,
    CONSTRAINT "CampaignAnswer_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "CampaignItem" (
    "id" text NOT NULL,
    "campaignId" text NOT NULL,
    "workspaceId" text NOT NULL,
    "scope" text NOT NULL,
    "key" text NOT NULL,
    "label" text NOT NULL,
    "holder" text NOT NULL,
    "access" text NOT NULL,
    "ownerEmail" text,
    "ownerIsUser" boolean NOT NULL DEFAULT false,
    "detail" jsonb NOT NULL,
    "reviewerId" text NOT NULL,
    "reviewerLabel" text NOT NULL,
    "decision" text,
    "reassignTo" text,
    "reason" text,
    "decidedAt" timestamp(3) with time zone,
    "decidedById" text,
    "decidedBy" text,
    CONSTRAINT "CampaignItem_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "CampaignNotice" (
    "id" text NOT NULL,
    "campaignId" text NOT NULL,
    "kind" text NOT NULL,
    "subject" text NOT NULL,
    "recipient" text NOT NULL,
    "text" text NOT NULL,
    "delivery" text NOT NULL,
    "sentAt" timestamp(3) with time zone NOT NULL,
    CONSTRAINT "CampaignNotice_pkey" PRIMARY KEY (id)
);

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_previousId_key" ON "Campaign" USING btree ("previousId");

-- CreateIndex
CREATE INDEX "Campaign_workspaceId_status_idx" ON "Campaign" USING btree ("workspaceId", status);

-- CreateIndex
CREATE INDEX "CampaignAnswer_itemId_idx" ON "CampaignAnswer" USING btree ("itemId");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignItem_campaignId_key_key" ON "CampaignItem" USING btree ("campaignId", key);

-- CreateIndex
CREATE INDEX "CampaignItem_campaignId_reviewerId_idx" ON "CampaignItem" USING btree ("campaignId", "reviewerId");

-- CreateIndex
CREATE INDEX "CampaignItem_workspaceId_decision_idx" ON "CampaignItem" USING btree ("workspaceId", decision);

-- CreateIndex
CREATE UNIQUE INDEX "CampaignNotice_campaignId_kind_subject_key" ON "CampaignNotice" USING btree ("campaignId", kind, subject);

-- AddForeignKey
ALTER TABLE "CampaignAnswer" ADD CONSTRAINT "CampaignAnswer_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "CampaignItem"(id) ON UPDATE CASCADE ON DELETE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignItem" ADD CONSTRAINT "CampaignItem_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"(id) ON UPDATE CASCADE ON DELETE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignNotice" ADD CONSTRAINT "CampaignNotice_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"(id) ON UPDATE CASCADE ON DELETE CASCADE;
