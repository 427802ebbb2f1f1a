-- CreateIndex
CREATE INDEX "Finding_workspaceId_status_dueAt_key_idx" ON "Finding" USING btree ("workspaceId", status, "dueAt", key);
