-- DropIndex
DROP INDEX "Agent_workspaceId_trifecta_updatedAt_effectiveState_status_idx";

-- CreateIndex
CREATE INDEX "Agent_workspaceId_trifecta_updatedAt_status_effectiveState_idx" ON "Agent" USING btree ("workspaceId", trifecta DESC, "updatedAt" DESC, status DESC, "effectiveState");
