-- CreateIndex
CREATE INDEX "PlatformActionAttempt_startedAt_idx" ON "PlatformActionAttempt" USING btree ("startedAt");
