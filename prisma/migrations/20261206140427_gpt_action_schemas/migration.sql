-- CreateTable
CREATE TABLE "GptActionSchema" (
    "workspaceId" text NOT NULL,
    "sha256" text NOT NULL,
    "result" jsonb NOT NULL,
    "firstSeenAt" timestamp(3) with time zone NOT NULL,
    CONSTRAINT "GptActionSchema_pkey" PRIMARY KEY ("workspaceId", sha256)
);
