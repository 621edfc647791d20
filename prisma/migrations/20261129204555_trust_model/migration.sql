-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "aggregateKey" TEXT,
ADD COLUMN     "count" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Round" ADD COLUMN     "published" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "verified" BOOLEAN NOT NULL DEFAULT true;

-- CreateIndex
CREATE UNIQUE INDEX "AuditLog_aggregateKey_key" ON "AuditLog"("aggregateKey");

-- Submissions uploaded before the trust model existed have not been checked by
-- an admin: they leave the default pool until one verifies them (docs/trust-model.md).
UPDATE "Submission" SET "verified" = false WHERE "source" = 'uploaded';
