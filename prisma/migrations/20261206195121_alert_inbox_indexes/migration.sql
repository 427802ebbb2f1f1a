-- CreateIndex
CREATE INDEX "Alert_workspaceId_at_id_idx" ON "Alert" USING btree ("workspaceId", at DESC, id);

-- CreateIndex
CREATE INDEX "Alert_workspaceId_ruleId_idx" ON "Alert" USING btree ("workspaceId", "ruleId");

-- CreateIndex
CREATE INDEX "Alert_workspaceId_status_at_id_idx" ON "Alert" USING btree ("workspaceId", status, at DESC, id);
