-- CreateTable
CREATE TABLE "ActionControl" (
    "id" text NOT NULL,
    "workspaceId" text NOT NULL,
    "side" text NOT NULL,
    "appId" text NOT NULL,
    "enabled" boolean NOT NULL DEFAULT false,
    "mode" text NOT NULL,
    "allowedActions" text[] DEFAULT ARRAY[]::text[],
    "deniedActions" text[] DEFAULT ARRAY[]::text[],
    "newActionsDefault" text NOT NULL DEFAULT 'deny'::text,
    "updatedAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedBy" text NOT NULL,
    CONSTRAINT "ActionControl_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "AgentRole" (
    "id" text NOT NULL,
    "workspaceId" text NOT NULL,
    "side" text NOT NULL,
    "name" text NOT NULL,
    "description" text NOT NULL DEFAULT ''::text,
    "useAgents" boolean NOT NULL DEFAULT false,
    "buildAgents" boolean NOT NULL DEFAULT false,
    "publishAgents" boolean NOT NULL DEFAULT false,
    "publishWithSharedConnections" boolean NOT NULL DEFAULT false,
    "enableSlackBot" boolean NOT NULL DEFAULT false,
    "groupName" text,
    "updatedAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedBy" text NOT NULL,
    CONSTRAINT "AgentRole_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "Exception" (
    "id" text NOT NULL,
    "workspaceId" text NOT NULL,
    "title" text NOT NULL,
    "businessCase" text NOT NULL,
    "scopeKind" text NOT NULL,
    "scope" jsonb NOT NULL,
    "findingKeys" text[] DEFAULT ARRAY[]::text[],
    "cabTicket" text,
    "status" text NOT NULL DEFAULT 'requested'::text,
    "requestedBy" text NOT NULL,
    "requestedAt" timestamp(3) with time zone NOT NULL,
    "reviewAt" timestamp(3) with time zone NOT NULL,
    "decidedBy" text,
    "decidedAt" timestamp(3) with time zone,
    "decisionNote" text,
    "revokedBy" text,
    "revokedAt" timestamp(3) with time zone,
    CONSTRAINT "Exception_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "ExceptionAttachment" (
    "id" text NOT NULL,
    "exceptionId" text NOT NULL,
    "filename" text,
    "contentType" text,
    "size" integer,
    "sha256" text,
    "content" bytea,
    "url" text,
    "addedBy" text NOT NULL,
    "addedAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ExceptionAttachment_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "Finding" (
    "id" text NOT NULL,
    "workspaceId" text NOT NULL,
    "key" text NOT NULL,
    "control" text NOT NULL,
    "kind" text NOT NULL,
    "subjectType" text NOT NULL,
    "subjectId" text NOT NULL,
    "subjectLabel" text NOT NULL,
    "message" text NOT NULL,
    "cause" jsonb NOT NULL,
    "status" text NOT NULL DEFAULT 'open'::text,
    "owner" text,
    "dueAt" timestamp(3) with time zone NOT NULL,
    "firstSeenAt" timestamp(3) with time zone NOT NULL,
    "lastSeenAt" timestamp(3) with time zone NOT NULL,
    "resolvedAt" timestamp(3) with time zone,
    "updatedAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Finding_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "Group" (
    "id" text NOT NULL,
    "workspaceId" text NOT NULL,
    "displayName" text NOT NULL,
    "externalId" text,
    "source" text NOT NULL,
    "scim" jsonb,
    "version" integer NOT NULL DEFAULT 1,
    "createdAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Group_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "GroupMember" (
    "groupId" text NOT NULL,
    "memberId" text NOT NULL,
    CONSTRAINT "GroupMember_pkey" PRIMARY KEY ("groupId", "memberId")
);

-- CreateTable
CREATE TABLE "Member" (
    "id" text NOT NULL,
    "workspaceId" text NOT NULL,
    "email" text NOT NULL,
    "userName" text NOT NULL,
    "name" text,
    "externalId" text,
    "workspaceRole" text,
    "status" text NOT NULL DEFAULT 'active'::text,
    "directAgentRoles" text[] DEFAULT ARRAY[]::text[],
    "identitySource" text NOT NULL,
    "scim" jsonb,
    "version" integer NOT NULL DEFAULT 1,
    "attestedAt" timestamp(3) with time zone,
    "attestedBy" text,
    "createdAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Member_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "MemberImport" (
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
    CONSTRAINT "MemberImport_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "RecordVersion" (
    "id" BIGSERIAL NOT NULL,
    "workspaceId" text NOT NULL,
    "entity" text NOT NULL,
    "entityId" text NOT NULL,
    "at" timestamp(3) with time zone NOT NULL,
    "data" jsonb,
    CONSTRAINT "RecordVersion_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "ScimToken" (
    "id" text NOT NULL,
    "workspaceId" text NOT NULL,
    "label" text NOT NULL,
    "tokenHash" text NOT NULL,
    "prefix" text NOT NULL,
    "createdAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" text NOT NULL,
    "lastUsedAt" timestamp(3) with time zone,
    "revokedAt" timestamp(3) with time zone,
    "revokedBy" text,
    CONSTRAINT "ScimToken_pkey" PRIMARY KEY (id)
);

-- CreateIndex
CREATE UNIQUE INDEX "ActionControl_workspaceId_side_appId_key" ON "ActionControl" USING btree ("workspaceId", side, "appId");

-- CreateIndex
CREATE UNIQUE INDEX "AgentRole_workspaceId_side_name_key" ON "AgentRole" USING btree ("workspaceId", side, name);

-- CreateIndex
CREATE INDEX "Exception_workspaceId_status_idx" ON "Exception" USING btree ("workspaceId", status);

-- CreateIndex
CREATE INDEX "ExceptionAttachment_exceptionId_idx" ON "ExceptionAttachment" USING btree ("exceptionId");

-- CreateIndex
CREATE UNIQUE INDEX "Finding_workspaceId_key_key" ON "Finding" USING btree ("workspaceId", key);

-- CreateIndex
CREATE INDEX "Finding_workspaceId_status_idx" ON "Finding" USING btree ("workspaceId", status);

-- CreateIndex
CREATE UNIQUE INDEX "Group_workspaceId_displayName_key" ON "Group" USING btree ("workspaceId", "displayName");

-- CreateIndex
CREATE INDEX "GroupMember_memberId_idx" ON "GroupMember" USING btree ("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "Member_workspaceId_email_key" ON "Member" USING btree ("workspaceId", email);

-- CreateIndex
CREATE INDEX "Member_workspaceId_status_idx" ON "Member" USING btree ("workspaceId", status);

-- CreateIndex
CREATE INDEX "MemberImport_workspaceId_uploadedAt_idx" ON "MemberImport" USING btree ("workspaceId", "uploadedAt");

-- CreateIndex
CREATE INDEX "RecordVersion_workspaceId_entity_entityId_at_idx" ON "RecordVersion" USING btree ("workspaceId", entity, "entityId", at);

-- CreateIndex
CREATE UNIQUE INDEX "ScimToken_tokenHash_key" ON "ScimToken" USING btree ("tokenHash");

-- CreateIndex
CREATE INDEX "ScimToken_workspaceId_idx" ON "ScimToken" USING btree ("workspaceId");

-- AddForeignKey
ALTER TABLE "ActionControl" ADD CONSTRAINT "ActionControl_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"(id) ON UPDATE CASCADE ON DELETE RESTRICT;

-- AddForeignKey
ALTER TABLE "AgentRole" ADD CONSTRAINT "AgentRole_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"(id) ON UPDATE CASCADE ON DELETE RESTRICT;

-- AddForeignKey
ALTER TABLE "Exception" ADD CONSTRAINT "Exception_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"(id) ON UPDATE CASCADE ON DELETE RESTRICT;

-- AddForeignKey
ALTER TABLE "ExceptionAttachment" ADD CONSTRAINT "ExceptionAttachment_exceptionId_fkey" FOREIGN KEY ("exceptionId") REFERENCES "Exception"(id) ON UPDATE CASCADE ON DELETE RESTRICT;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"(id) ON UPDATE CASCADE ON DELETE RESTRICT;

-- AddForeignKey
ALTER TABLE "Group" ADD CONSTRAINT "Group_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"(id) ON UPDATE CASCADE ON DELETE RESTRICT;

-- AddForeignKey
ALTER TABLE "GroupMember" ADD CONSTRAINT "GroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"(id) ON UPDATE CASCADE ON DELETE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMember" ADD CONSTRAINT "GroupMember_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"(id) ON UPDATE CASCADE ON DELETE CASCADE;

-- AddForeignKey
ALTER TABLE "Member" ADD CONSTRAINT "Member_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"(id) ON UPDATE CASCADE ON DELETE RESTRICT;

-- AddForeignKey
ALTER TABLE "MemberImport" ADD CONSTRAINT "MemberImport_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"(id) ON UPDATE CASCADE ON DELETE RESTRICT;

-- AddForeignKey
ALTER TABLE "ScimToken" ADD CONSTRAINT "ScimToken_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"(id) ON UPDATE CASCADE ON DELETE RESTRICT;

-- The change log is history: append-only, like AgentHistory and AppCatalogueVersion.
CREATE TRIGGER "RecordVersion_no_update_delete" BEFORE UPDATE OR DELETE ON "RecordVersion"
  FOR EACH ROW EXECUTE FUNCTION tollgate_history_append_only();
