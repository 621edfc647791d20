-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "validFrom" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "validFrom" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "WorkloadResult" ADD COLUMN     "validFrom" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "RoundVersion" (
    "id" SERIAL NOT NULL,
    "roundId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" TEXT NOT NULL,
    "actor" TEXT,
    "target" TEXT,
    "runs" INTEGER NOT NULL DEFAULT 0,
    "uploadId" INTEGER,

    CONSTRAINT "RoundVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubmissionHistory" (
    "historyId" SERIAL NOT NULL,
    "id" INTEGER NOT NULL,
    "roundId" INTEGER NOT NULL,
    "validFrom" INTEGER NOT NULL,
    "validTo" INTEGER NOT NULL,
    "row" JSONB NOT NULL,

    CONSTRAINT "SubmissionHistory_pkey" PRIMARY KEY ("historyId")
);

-- CreateTable
CREATE TABLE "RunHistory" (
    "historyId" SERIAL NOT NULL,
    "id" INTEGER NOT NULL,
    "roundId" INTEGER NOT NULL,
    "submissionId" INTEGER NOT NULL,
    "validFrom" INTEGER NOT NULL,
    "validTo" INTEGER NOT NULL,
    "row" JSONB NOT NULL,

    CONSTRAINT "RunHistory_pkey" PRIMARY KEY ("historyId")
);

-- CreateTable
CREATE TABLE "RunEvalsHistory" (
    "historyId" SERIAL NOT NULL,
    "runId" INTEGER NOT NULL,
    "row" JSONB NOT NULL,

    CONSTRAINT "RunEvalsHistory_pkey" PRIMARY KEY ("historyId")
);

-- CreateTable
CREATE TABLE "WorkloadResultHistory" (
    "historyId" SERIAL NOT NULL,
    "submissionId" INTEGER NOT NULL,
    "workloadId" INTEGER NOT NULL,
    "roundId" INTEGER NOT NULL,
    "validFrom" INTEGER NOT NULL,
    "validTo" INTEGER NOT NULL,
    "row" JSONB NOT NULL,

    CONSTRAINT "WorkloadResultHistory_pkey" PRIMARY KEY ("historyId")
);

-- CreateIndex
CREATE UNIQUE INDEX "RoundVersion_roundId_version_key" ON "RoundVersion"("roundId", "version");

-- CreateIndex
CREATE INDEX "SubmissionHistory_roundId_validTo_idx" ON "SubmissionHistory"("roundId", "validTo");

-- CreateIndex
CREATE INDEX "RunHistory_roundId_validTo_idx" ON "RunHistory"("roundId", "validTo");

-- CreateIndex
CREATE INDEX "RunEvalsHistory_runId_idx" ON "RunEvalsHistory"("runId");

-- CreateIndex
CREATE INDEX "WorkloadResultHistory_roundId_validTo_idx" ON "WorkloadResultHistory"("roundId", "validTo");

-- AddForeignKey
ALTER TABLE "RoundVersion" ADD CONSTRAINT "RoundVersion_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- History (docs/history.md), hand-written: existing rows and rounds start
-- their history at each round's current version. The triggers that keep the
-- history and the views of past versions are (re)installed after every
-- migration by lib/db/history-sql.ts (function bodies cannot go here: the
-- migration runner splits scripts at every semicolon).
UPDATE "Submission" s SET "validFrom" = r."dataVersion" FROM "Round" r WHERE r.id = s."roundId";
UPDATE "Run" x SET "validFrom" = r."dataVersion" FROM "Round" r WHERE r.id = x."roundId";
UPDATE "WorkloadResult" x SET "validFrom" = r."dataVersion" FROM "Round" r WHERE r.id = x."roundId";
INSERT INTO "RoundVersion" ("roundId", "version", "action") SELECT id, "dataVersion", 'baseline' FROM "Round";
