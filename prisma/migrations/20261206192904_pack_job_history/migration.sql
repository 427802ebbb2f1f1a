-- AlterTable
ALTER TABLE "PackJob" ADD COLUMN "history" jsonb NOT NULL DEFAULT '[]'::jsonb;
