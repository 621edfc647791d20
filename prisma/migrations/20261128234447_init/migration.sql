-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Ruleset" AS ENUM ('external_tuning', 'self_tuning');

-- CreateEnum
CREATE TYPE "TimeBasis" AS ENUM ('seconds', 'budget_fraction');

-- CreateEnum
CREATE TYPE "Direction" AS ENUM ('min', 'max');

-- CreateEnum
CREATE TYPE "WorkloadRole" AS ENUM ('base', 'held_out', 'variant');

-- CreateEnum
CREATE TYPE "SubmissionSource" AS ENUM ('published', 'imported', 'uploaded');

-- CreateEnum
CREATE TYPE "TauScale" AS ENUM ('linear', 'log');

-- CreateEnum
CREATE TYPE "Integration" AS ENUM ('trapezoid', 'exact');

-- CreateEnum
CREATE TYPE "TokenScope" AS ENUM ('upload', 'admin');

-- CreateEnum
CREATE TYPE "UploadOutcome" AS ENUM ('accepted', 'rejected');

-- CreateTable
CREATE TABLE "Round" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "benchmarkVersion" TEXT NOT NULL,
    "ruleset" "Ruleset" NOT NULL,
    "timeBasis" "TimeBasis" NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "source" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "budgetFactor" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "studiesExpected" INTEGER NOT NULL,
    "trialsExpected" INTEGER NOT NULL,
    "tauMin" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "tauMax" DOUBLE PRECISION NOT NULL DEFAULT 4,
    "tauPoints" INTEGER NOT NULL DEFAULT 100,
    "tauScale" "TauScale" NOT NULL DEFAULT 'linear',
    "integration" "Integration" NOT NULL DEFAULT 'trapezoid',
    "dataVersion" INTEGER NOT NULL DEFAULT 0,
    "seedHash" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Round_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Workload" (
    "id" SERIAL NOT NULL,
    "roundId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "role" "WorkloadRole" NOT NULL DEFAULT 'base',
    "baseKey" TEXT,
    "displayName" TEXT NOT NULL,
    "task" TEXT,
    "dataset" TEXT,
    "model" TEXT,
    "loss" TEXT,
    "metricName" TEXT NOT NULL,
    "metricLabel" TEXT,
    "direction" "Direction" NOT NULL,
    "target" DOUBLE PRECISION NOT NULL,
    "testTarget" DOUBLE PRECISION,
    "budgetSeconds" DOUBLE PRECISION,
    "budgetSteps" INTEGER,
    "batchSize" INTEGER,
    "notes" TEXT,

    CONSTRAINT "Workload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Submission" (
    "id" SERIAL NOT NULL,
    "roundId" INTEGER NOT NULL,
    "slug" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "baseAlgorithm" TEXT,
    "family" TEXT,
    "baseOptimizer" TEXT,
    "horizon" DOUBLE PRECISION,
    "searchRank" INTEGER,
    "hyperparameters" JSONB,
    "authors" TEXT,
    "affiliation" TEXT,
    "framework" TEXT,
    "source" "SubmissionSource" NOT NULL,
    "importedFrom" TEXT,
    "uploadedById" INTEGER,
    "hidden" BOOLEAN NOT NULL DEFAULT false,
    "inDefaultPool" BOOLEAN NOT NULL DEFAULT true,
    "publishedScore" DOUBLE PRECISION,
    "notes" TEXT,
    "extra" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Submission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Run" (
    "id" SERIAL NOT NULL,
    "roundId" INTEGER NOT NULL,
    "submissionId" INTEGER NOT NULL,
    "workloadId" INTEGER NOT NULL,
    "study" INTEGER NOT NULL,
    "trial" INTEGER NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "reached" BOOLEAN NOT NULL,
    "timeSeconds" DOUBLE PRECISION,
    "timeFraction" DOUBLE PRECISION,
    "steps" INTEGER,
    "firstHitIndex" INTEGER,
    "bestMetric" DOUBLE PRECISION,
    "overBudget" BOOLEAN NOT NULL DEFAULT false,
    "hardware" TEXT,
    "framework" TEXT,
    "codeCommit" TEXT,
    "notes" TEXT,
    "clientRunId" TEXT,
    "contentHash" TEXT NOT NULL,
    "uploadId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunEvals" (
    "runId" INTEGER NOT NULL,
    "steps" INTEGER[],
    "times" DOUBLE PRECISION[],
    "metrics" DOUBLE PRECISION[],

    CONSTRAINT "RunEvals_pkey" PRIMARY KEY ("runId")
);

-- CreateTable
CREATE TABLE "Upload" (
    "id" SERIAL NOT NULL,
    "tokenId" INTEGER,
    "tokenName" TEXT,
    "roundId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "payloadHash" TEXT NOT NULL,
    "outcome" "UploadOutcome" NOT NULL,
    "status" INTEGER NOT NULL,
    "message" TEXT,
    "runsTotal" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "replaced" INTEGER NOT NULL DEFAULT 0,
    "ip" TEXT,
    "durationMs" INTEGER,

    CONSTRAINT "Upload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "scope" "TokenScope" NOT NULL DEFAULT 'upload',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "tokenName" TEXT,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "outcome" TEXT NOT NULL,
    "details" JSONB,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Round_slug_key" ON "Round"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Workload_roundId_key_key" ON "Workload"("roundId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Submission_roundId_slug_key" ON "Submission"("roundId", "slug");

-- CreateIndex
CREATE INDEX "Run_roundId_submissionId_idx" ON "Run"("roundId", "submissionId");

-- CreateIndex
CREATE INDEX "Run_workloadId_idx" ON "Run"("workloadId");

-- CreateIndex
CREATE UNIQUE INDEX "Run_submissionId_workloadId_study_trial_key" ON "Run"("submissionId", "workloadId", "study", "trial");

-- CreateIndex
CREATE UNIQUE INDEX "Run_submissionId_clientRunId_key" ON "Run"("submissionId", "clientRunId");

-- CreateIndex
CREATE INDEX "Upload_tokenId_createdAt_idx" ON "Upload"("tokenId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_name_key" ON "ApiToken"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_hash_key" ON "ApiToken"("hash");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- AddForeignKey
ALTER TABLE "Workload" ADD CONSTRAINT "Workload_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "ApiToken"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_workloadId_fkey" FOREIGN KEY ("workloadId") REFERENCES "Workload"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_uploadId_fkey" FOREIGN KEY ("uploadId") REFERENCES "Upload"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunEvals" ADD CONSTRAINT "RunEvals_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Upload" ADD CONSTRAINT "Upload_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "ApiToken"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Upload" ADD CONSTRAINT "Upload_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE SET NULL ON UPDATE CASCADE;
