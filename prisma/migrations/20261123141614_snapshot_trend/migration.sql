-- AlterTable
ALTER TABLE "PostureSnapshot" ADD COLUMN "trend" jsonb NOT NULL DEFAULT '{}'::jsonb;

-- Snapshots taken before this column: their trend figures from their data.
UPDATE "PostureSnapshot" SET trend = jsonb_build_object('sections', data->'sections', 'counts', data->'counts');
