-- DropIndex
DROP INDEX "Agent_workspaceId_effectiveState_idx";

-- CreateIndex
CREATE INDEX "Agent_workspaceId_effectiveState_status_name_externalId_id_idx" ON "Agent" USING btree ("workspaceId", "effectiveState", status, name, "externalId", id);

-- CreateIndex
CREATE INDEX "Agent_workspaceId_status_configHash_name_externalId_id_idx" ON "Agent" USING btree ("workspaceId", status, "configHash", name, "externalId", id);
