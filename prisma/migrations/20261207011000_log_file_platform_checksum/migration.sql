-- A file the puller read keeps the platform's id of it and the checksum the platform's answer gave (decision 0039),
-- beside Tollgate's own SHA-256: evidence packs list both so an auditor can check a file against the platform.
ALTER TABLE "LogFile" ADD COLUMN "platformFileId" TEXT,
ADD COLUMN "platformChecksum" TEXT;
