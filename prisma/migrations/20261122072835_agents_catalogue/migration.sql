-- CreateTable
CREATE TABLE "Agent" (
    "id" text NOT NULL,
    "workspaceId" text NOT NULL,
    "externalId" text NOT NULL,
    "kind" text NOT NULL DEFAULT 'workspace_agent'::text,
    "name" text NOT NULL,
    "ownerEmail" text NOT NULL,
    "status" text NOT NULL DEFAULT 'unknown'::text,
    "apps" text[],
    "connectors" jsonb NOT NULL,
    "configHash" text NOT NULL,
    "inLatestExport" boolean NOT NULL DEFAULT true,
    "appIds" text[],
    "unknownApps" text[],
    "unclassifiedMcp" text[],
    "legs" jsonb NOT NULL,
    "legCount" integer NOT NULL,
    "trifecta" boolean NOT NULL,
    "breakApps" text[],
    "effectiveState" text NOT NULL,
    "firstSeenAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Agent_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "AgentHistory" (
    "id" BIGSERIAL NOT NULL,
    "agentId" text NOT NULL,
    "at" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" text NOT NULL,
    "detail" jsonb NOT NULL,
    "importId" text,
    CONSTRAINT "AgentHistory_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "AppCatalogueVersion" (
    "id" text NOT NULL,
    "workspaceId" text NOT NULL,
    "version" integer NOT NULL,
    "profile" text NOT NULL,
    "apps" jsonb NOT NULL,
    "change" jsonb NOT NULL,
    "createdAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" text NOT NULL,
    CONSTRAINT "AppCatalogueVersion_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "InventoryImport" (
    "id" text NOT NULL,
    "workspaceId" text NOT NULL,
    "filename" text NOT NULL,
    "sha256" text NOT NULL,
    "size" integer NOT NULL,
    "content" bytea NOT NULL,
    "fullExport" boolean NOT NULL DEFAULT true,
    "status" text NOT NULL DEFAULT 'preview'::text,
    "preview" jsonb NOT NULL,
    "outcome" jsonb,
    "baseline" text NOT NULL,
    "uploadedAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uploadedBy" text NOT NULL,
    "committedAt" timestamp(3) with time zone,
    "committedBy" text,
    CONSTRAINT "InventoryImport_pkey" PRIMARY KEY (id)
);

-- CreateIndex
CREATE INDEX "Agent_appIds_idx" ON "Agent" USING gin ("appIds");

-- CreateIndex
CREATE INDEX "Agent_workspaceId_effectiveState_idx" ON "Agent" USING btree ("workspaceId", "effectiveState");

-- CreateIndex
CREATE UNIQUE INDEX "Agent_workspaceId_externalId_key" ON "Agent" USING btree ("workspaceId", "externalId");

-- CreateIndex
CREATE INDEX "Agent_workspaceId_ownerEmail_idx" ON "Agent" USING btree ("workspaceId", "ownerEmail");

-- CreateIndex
CREATE INDEX "AgentHistory_agentId_at_idx" ON "AgentHistory" USING btree ("agentId", at);

-- CreateIndex
CREATE INDEX "AppCatalogueVersion_workspaceId_createdAt_idx" ON "AppCatalogueVersion" USING btree ("workspaceId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "AppCatalogueVersion_workspaceId_version_key" ON "AppCatalogueVersion" USING btree ("workspaceId", version);

-- CreateIndex
CREATE INDEX "InventoryImport_workspaceId_uploadedAt_idx" ON "InventoryImport" USING btree ("workspaceId", "uploadedAt");

-- AddForeignKey
ALTER TABLE "Agent" ADD CONSTRAINT "Agent_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"(id) ON UPDATE CASCADE ON DELETE RESTRICT;

-- AddForeignKey
ALTER TABLE "AgentHistory" ADD CONSTRAINT "AgentHistory_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"(id) ON UPDATE CASCADE ON DELETE RESTRICT;

-- AddForeignKey
ALTER TABLE "AppCatalogueVersion" ADD CONSTRAINT "AppCatalogueVersion_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"(id) ON UPDATE CASCADE ON DELETE RESTRICT;

-- AddForeignKey
ALTER TABLE "InventoryImport" ADD CONSTRAINT "InventoryImport_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"(id) ON UPDATE CASCADE ON DELETE RESTRICT;

-- Catalogue versions and agent history are history: never rewritten.
-- (Not part of Prisma's model; the drift check ignores functions and triggers.)
CREATE FUNCTION tollgate_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are history and cannot be changed: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER "AppCatalogueVersion_no_update_delete" BEFORE UPDATE OR DELETE ON "AppCatalogueVersion"
  FOR EACH ROW EXECUTE FUNCTION tollgate_history_append_only();
CREATE TRIGGER "AgentHistory_no_update_delete" BEFORE UPDATE OR DELETE ON "AgentHistory"
  FOR EACH ROW EXECUTE FUNCTION tollgate_history_append_only();
