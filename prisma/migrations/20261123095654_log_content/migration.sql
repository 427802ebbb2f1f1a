-- CreateTable
CREATE TABLE "ContentRetention" (
    "logType" text NOT NULL,
    "days" integer NOT NULL,
    "updatedBy" text NOT NULL,
    "updatedAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ContentRetention_pkey" PRIMARY KEY ("logType")
);

-- CreateTable
CREATE TABLE "LogContent" (
    "principalId" text NOT NULL,
    "eventId" text NOT NULL,
    "logType" text NOT NULL,
    "path" text NOT NULL,
    "text" text NOT NULL,
    "at" timestamp(6) with time zone NOT NULL,
    CONSTRAINT "LogContent_pkey" PRIMARY KEY ("principalId", "eventId", path)
);

-- CreateIndex
CREATE INDEX "LogContent_logType_at_idx" ON "LogContent" USING btree ("logType", at);
