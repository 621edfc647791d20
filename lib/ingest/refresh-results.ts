// Derives WorkloadResult rows (one time per submission x workload) from the
// runs, with the scoring engine's §2 rules. Called inside every transaction
// that writes runs, so the derived rows can never disagree with the runs.
import type { Prisma } from "@/lib/db/generated/prisma/client";
import { bestTrialIndex, numpyMedian, type TrialHit } from "@/lib/scoring";

type Tx = Prisma.TransactionClient;

export interface RunForResult {
  submissionId: number;
  workloadId: number;
  study: number;
  trial: number;
  position: number;
  reached: boolean;
  timeSeconds: number | null;
  timeFraction: number | null;
  firstHitIndex: number | null;
}

export interface StudyBest {
  study: number;
  trial: number | null;
  hitIndex: number | null;
  seconds: number | null;
  fraction: number | null;
}

export interface ResultRow {
  submissionId: number;
  workloadId: number;
  reached: boolean;
  timeSeconds: number | null;
  timeFraction: number | null;
  studies: number;
  studiesHit: number;
  perStudy: StudyBest[];
}

const hit = (r: RunForResult, time: number | null): TrialHit =>
  r.reached && time !== null ? { hitIndex: r.firstHitIndex, hitTime: time } : { hitIndex: null, hitTime: null };

/**
 * One cell from the runs of one submission on one workload. SCORING.md §2.2:
 * best trial per study among the trials in listing order; §2.3: median over
 * studies. Times in seconds and as budget fractions are derived separately
 * (a basis is null when some reached run lacks it); the best trial is the same
 * in both because the selection uses the eval index (or, lacking it, times
 * that differ only by the constant budget).
 */
export function resultFromRuns(runs: readonly RunForResult[]): Omit<ResultRow, "submissionId" | "workloadId"> {
  const byStudy = new Map<number, RunForResult[]>();
  for (const r of runs) {
    const list = byStudy.get(r.study) ?? [];
    list.push(r);
    byStudy.set(r.study, list);
  }
  const hasSeconds = runs.every((r) => !r.reached || r.timeSeconds !== null);
  const hasFraction = runs.every((r) => !r.reached || r.timeFraction !== null);
  const perStudy: StudyBest[] = [];
  const seconds: number[] = [];
  const fractions: number[] = [];
  for (const study of [...byStudy.keys()].sort((a, b) => a - b)) {
    const trials = byStudy.get(study)!.sort((a, b) => a.position - b.position || a.trial - b.trial);
    const basis = hasSeconds ? trials.map((r) => hit(r, r.timeSeconds)) : trials.map((r) => hit(r, r.timeFraction));
    const i = bestTrialIndex(basis);
    const best = i < 0 ? null : trials[i]!;
    perStudy.push({ study, trial: best?.trial ?? null, hitIndex: best?.firstHitIndex ?? null, seconds: best?.timeSeconds ?? null, fraction: best?.timeFraction ?? null });
    seconds.push(best?.timeSeconds ?? Infinity);
    fractions.push(best?.timeFraction ?? Infinity);
  }
  const medianSeconds = hasSeconds ? numpyMedian(seconds) : NaN;
  const medianFraction = hasFraction ? numpyMedian(fractions) : NaN;
  const reached = Number.isFinite(hasSeconds ? medianSeconds : medianFraction);
  return {
    reached,
    timeSeconds: reached && Number.isFinite(medianSeconds) ? medianSeconds : null,
    timeFraction: reached && Number.isFinite(medianFraction) ? medianFraction : null,
    studies: perStudy.length,
    studiesHit: perStudy.filter((s) => s.trial !== null).length,
    perStudy,
  };
}

/** Recomputes the WorkloadResult rows of these submissions from their runs. */
export async function refreshResults(tx: Tx, submissionIds: readonly number[]): Promise<void> {
  if (submissionIds.length === 0) return;
  const ids = [...new Set(submissionIds)];
  const runs = await tx.run.findMany({
    where: { submissionId: { in: ids } },
    select: { submissionId: true, workloadId: true, roundId: true, study: true, trial: true, position: true, reached: true, timeSeconds: true, timeFraction: true, firstHitIndex: true },
  });
  const groups = new Map<string, typeof runs>();
  for (const r of runs) {
    const key = `${r.submissionId}:${r.workloadId}`;
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  const rows: Prisma.WorkloadResultCreateManyInput[] = [];
  for (const list of groups.values()) {
    const first = list[0]!;
    const { perStudy, ...result } = resultFromRuns(list);
    rows.push({ submissionId: first.submissionId, workloadId: first.workloadId, roundId: first.roundId, ...result, perStudy: perStudy as unknown as Prisma.InputJsonValue });
  }
  await tx.workloadResult.deleteMany({ where: { submissionId: { in: ids } } });
  for (let i = 0; i < rows.length; i += 5000) await tx.workloadResult.createMany({ data: rows.slice(i, i + 5000) });
}
