-- Session tokens at rest (issue 15 item 6): the table keeps the SHA-256 of the session cookie, never the cookie.
-- Sessions stored before this held the cookie value itself; they are ended (everyone signs in again once).
DELETE FROM "Session";

-- AlterTable
ALTER TABLE "Session" RENAME COLUMN "sessionToken" TO "tokenHash";

-- RenameIndex
ALTER INDEX "Session_sessionToken_key" RENAME TO "Session_tokenHash_key";
