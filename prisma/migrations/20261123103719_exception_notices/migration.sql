-- AlterTable
ALTER TABLE "Exception" ADD COLUMN "reviewNoticeAt" timestamp(3) with time zone,
ADD COLUMN "expiredNoticeAt" timestamp(3) with time zone;
