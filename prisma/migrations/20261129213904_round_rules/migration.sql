-- AlterTable
ALTER TABLE "Round" ADD COLUMN     "closesAt" TIMESTAMP(3),
ADD COLUMN     "hardware" TEXT,
ADD COLUMN     "opensAt" TIMESTAMP(3),
ADD COLUMN     "targetsSource" TEXT;

-- AlterTable
ALTER TABLE "Workload" ADD COLUMN     "stepHint" INTEGER;
