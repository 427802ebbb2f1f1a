-- CreateTable
CREATE TABLE "Attestation" (
    "id" text NOT NULL,
    "workspaceId" text NOT NULL,
    "controlId" text NOT NULL,
    "statement" text NOT NULL,
    "attestedById" text,
    "attestedBy" text NOT NULL,
    "attestedAt" timestamp(3) with time zone NOT NULL,
    "expiresAt" timestamp(3) with time zone NOT NULL,
    "evidenceUrl" text,
    "filename" text,
    "contentType" text,
    "size" integer,
    "sha256" text,
    "content" bytea,
    "revokedAt" timestamp(3) with time zone,
    "revokedBy" text,
    CONSTRAINT "Attestation_pkey" PRIMARY KEY (id)
);

-- CreateTable
CREATE TABLE "Control" (
    "catalogue" text NOT NULL,
    "id" text NOT NULL,
    "title" text NOT NULL,
    "section" integer NOT NULL,
    "sectionTitle" text NOT NULL,
    "level" text,
    "cis" text[],
    "nist" text[],
    "soc2" text[],
    "gdpr" text[],
    "assessment" text NOT NULL,
    "position" integer NOT NULL,
    CONSTRAINT "Control_pkey" PRIMARY KEY (catalogue, id)
);

-- CreateTable
CREATE TABLE "PostureSnapshot" (
    "id" BIGSERIAL NOT NULL,
    "workspaceId" text NOT NULL,
    "at" timestamp(3) with time zone NOT NULL,
    "reason" text NOT NULL,
    "catalogue" text NOT NULL,
    "overall" double precision NOT NULL,
    "data" jsonb NOT NULL,
    CONSTRAINT "PostureSnapshot_pkey" PRIMARY KEY (id)
);

-- CreateIndex
CREATE INDEX "Attestation_workspaceId_controlId_attestedAt_idx" ON "Attestation" USING btree ("workspaceId", "controlId", "attestedAt");

-- CreateIndex
CREATE INDEX "PostureSnapshot_workspaceId_at_idx" ON "PostureSnapshot" USING btree ("workspaceId", at);
