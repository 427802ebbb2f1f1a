-- CreateTable
CREATE TABLE "SamlAssertionSeen" (
    "issuer" text NOT NULL,
    "assertionId" text NOT NULL,
    "expiresAt" timestamp(3) with time zone NOT NULL,
    "createdAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SamlAssertionSeen_pkey" PRIMARY KEY (issuer, "assertionId")
);

-- CreateTable
CREATE TABLE "SamlRequest" (
    "id" text NOT NULL,
    "bindingHash" text NOT NULL,
    "callbackUrl" text NOT NULL,
    "createdAt" timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" timestamp(3) with time zone NOT NULL,
    "usedAt" timestamp(3) with time zone,
    CONSTRAINT "SamlRequest_pkey" PRIMARY KEY (id)
);

-- CreateIndex
CREATE INDEX "SamlAssertionSeen_expiresAt_idx" ON "SamlAssertionSeen" USING btree ("expiresAt");

-- CreateIndex
CREATE INDEX "SamlRequest_expiresAt_idx" ON "SamlRequest" USING btree ("expiresAt");
