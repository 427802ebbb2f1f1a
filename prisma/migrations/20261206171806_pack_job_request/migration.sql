-- AlterTable
ALTER TABLE "PackJob" ADD COLUMN "requestId" text,
ADD COLUMN "sourceIp" text;
