-- CreateTable
CREATE TABLE "WorkloadResult" (
    "submissionId" INTEGER NOT NULL,
    "workloadId" INTEGER NOT NULL,
    "roundId" INTEGER NOT NULL,
    "reached" BOOLEAN NOT NULL,
    "timeSeconds" DOUBLE PRECISION,
    "timeFraction" DOUBLE PRECISION,
    "studies" INTEGER NOT NULL,
    "studiesHit" INTEGER NOT NULL,
    "perStudy" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkloadResult_pkey" PRIMARY KEY ("submissionId","workloadId")
);

-- CreateIndex
CREATE INDEX "WorkloadResult_roundId_idx" ON "WorkloadResult"("roundId");

-- AddForeignKey
ALTER TABLE "WorkloadResult" ADD CONSTRAINT "WorkloadResult_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkloadResult" ADD CONSTRAINT "WorkloadResult_workloadId_fkey" FOREIGN KEY ("workloadId") REFERENCES "Workload"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkloadResult" ADD CONSTRAINT "WorkloadResult_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;
