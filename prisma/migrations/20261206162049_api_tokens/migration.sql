-- CreateTable
CREATE TABLE "ApiIdempotency" (
    "tokenId" uuid NOT NULL,
    "key" text NOT NULL,
    "requestHash" text NOT NULL,
    "status" integer,
    "body" text,
    "headers" jsonb,
    "createdAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ApiIdempotency_pkey" PRIMARY KEY ("tokenId", key)
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" uuid NOT NULL,
    "label" text NOT NULL,
    "tokenHash" text NOT NULL,
    "prefix" text NOT NULL,
    "role" text NOT NULL,
    "workspaceId" text,
    "ownerId" uuid NOT NULL,
    "createdAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" timestamp(3) with time zone NOT NULL,
    "lastUsedAt" timestamp(3) with time zone,
    "lastUsedIp" text,
    "lastReadAuditAt" timestamp(3) with time zone,
    "revokedAt" timestamp(3) with time zone,
    "revokedBy" text,
    CONSTRAINT "ApiToken_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "api_rate_limit" (
    "key" character varying(255) NOT NULL,
    "points" integer NOT NULL DEFAULT 0,
    "expire" bigint,
    CONSTRAINT "api_rate_limit_pkey" PRIMARY KEY (key)
);

-- CreateIndex
CREATE INDEX "ApiIdempotency_createdAt_idx" ON "ApiIdempotency" USING btree ("createdAt");

-- CreateIndex
CREATE INDEX "ApiToken_ownerId_idx" ON "ApiToken" USING btree ("ownerId");

-- CreateIndex
CREATE INDEX "ApiToken_prefix_idx" ON "ApiToken" USING btree (prefix);

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken" USING btree ("tokenHash");

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"(id) ON UPDATE CASCADE ON DELETE RESTRICT;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"(id) ON UPDATE CASCADE ON DELETE CASCADE;
