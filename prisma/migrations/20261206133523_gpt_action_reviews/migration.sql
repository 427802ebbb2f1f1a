-- CreateTable
CREATE TABLE "GptActionReview" (
    "workspaceId" text NOT NULL,
    "reviewKey" text NOT NULL,
    "legs" text[],
    "domain" text NOT NULL,
    "note" text,
    "setBy" text NOT NULL,
    "setAt" timestamp(3) with time zone NOT NULL,
    CONSTRAINT "GptActionReview_pkey" PRIMARY KEY ("workspaceId", "reviewKey")
);
