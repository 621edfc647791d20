// Hyperparameter sensitivity: GET /api/v1/rounds/<round>/hyperparameters?submission=<slug>
// (docs/analysis-tuning.md). Reads Run.hyperparameters (hparams.json, stored when
// uploaded from AlgoPerf logs); says so when the submission's runs have none.
// Beside it: every submission of the round ranked by its sensitivity number.
import "server-only";
import type { Db } from "@/lib/db/client";
import type { TimeBasis } from "@/lib/scoring";
import { hyperparameterSensitivity, sensitivityOrder, type HparamSensitivity, type HparamTrial } from "@/lib/scoring/analysis";
import { Prisma } from "@/lib/db/generated/prisma/client";
import { cached, versionedRead } from "@/lib/server/cache";
import { AppError, badParameter } from "@/lib/server/errors";
import { hardwareClass } from "./analysis-cost";
import { throwUnknownRound } from "./round-slugs";

/** One submission of the round and its sensitivity number (median over workloads of median / best). */
export interface SensitivityRank {
  submission: string;
  displayName: string;
  sensitivity: number;
  withHyperparameters: number;
}

export interface HyperparameterReport extends HparamSensitivity {
  round: string;
  submission: string;
  displayName: string;
  /** Unit of every time: the round's basis. */
  timeBasis: TimeBasis;
  /** Hardware classes of the submission's trials ("unknown" for a trial without any): beside every time. */
  hardware: string[];
  /** Every visible submission of the round by sensitivity, ascending (least sensitive first; NaN = no trial hits, last). */
  ranking: SensitivityRank[];
  /** False when no run of the submission carries hyperparameters: `message` says so. */
  available: boolean;
  message: string | null;
  stale?: boolean;
}

type RunRow = {
  workload: { key: string };
  study: number;
  trial: number;
  reached: boolean;
  timeSeconds: number | null;
  timeFraction: number | null;
  hyperparameters: unknown;
  hardware: string | null;
  provenance: unknown;
};

function trialOf(r: RunRow, seconds: boolean): HparamTrial {
  // The round's time basis, as the scores.
  const time = seconds ? r.timeSeconds : r.timeFraction;
  const hp = r.hyperparameters;
  return {
    workload: r.workload.key,
    study: r.study,
    trial: r.trial,
    hitTime: r.reached && time !== null ? time : null,
    hyperparameters: hp && typeof hp === "object" && !Array.isArray(hp) ? (hp as Record<string, unknown>) : null,
  };
}

/**
 * The round's submissions by sensitivity (lib/scoring/analysis sensitivityOrder).
 * Reads times only (no hyperparameter JSON) and is cached per data version: a
 * round of millions of runs is read once, not once per submission asked for.
 */
function sensitivityRanking(
  db: Db,
  round: { slug: string; version: number; seconds: boolean },
  subs: readonly { id: number; slug: string; displayName: string }[],
): Promise<SensitivityRank[]> {
  return cached(`hyperparameter-ranking|${round.slug}@${round.version}`, async () => {
    const ids = subs.map((s) => s.id);
    const [runs, withHp] = await Promise.all([
      db.run.findMany({
        where: { submissionId: { in: ids } },
        select: { submissionId: true, workloadId: true, study: true, trial: true, reached: true, timeSeconds: true, timeFraction: true },
      }),
      db.run.groupBy({ by: ["submissionId"], where: { submissionId: { in: ids }, hyperparameters: { not: Prisma.DbNull } }, _count: { _all: true } }),
    ]);
    const bySub = new Map<number, HparamTrial[]>();
    for (const r of runs) {
      const time = round.seconds ? r.timeSeconds : r.timeFraction;
      const trials = bySub.get(r.submissionId) ?? [];
      bySub.set(r.submissionId, trials);
      trials.push({ workload: String(r.workloadId), study: r.study, trial: r.trial, hitTime: r.reached && time !== null ? time : null, hyperparameters: null });
    }
    const counts = new Map(withHp.map((g) => [g.submissionId, g._count._all]));
    const ranks = subs.map((s) => ({
      submission: s.slug,
      displayName: s.displayName,
      sensitivity: hyperparameterSensitivity(bySub.get(s.id) ?? []).sensitivity,
      withHyperparameters: counts.get(s.id) ?? 0,
    }));
    return sensitivityOrder(ranks.map((r) => r.sensitivity)).map((i) => ranks[i]!);
  });
}

/** One submission's report; without `submission` (the page's first view): the first ranked one whose runs carry hyperparameters, else the first ranked. */
export async function hyperparametersOf(db: Db, options: { round: string; submission?: string }): Promise<HyperparameterReport> {
  return versionedRead(db, [options.round], `hyperparameters|${options.round}|${options.submission ?? ""}`, async (versions) => {
    if (!versions.has(options.round)) return throwUnknownRound(db, options.round);
    const round = await db.round.findUniqueOrThrow({ where: { slug: options.round }, select: { id: true, timeBasis: true } });
    const subs = await db.submission.findMany({
      where: { hidden: false, roundId: round.id },
      select: { id: true, slug: true, displayName: true },
      orderBy: { slug: "asc" },
    });
    const seconds = round.timeBasis === "seconds";
    const ranking = await sensitivityRanking(db, { slug: options.round, version: versions.get(options.round)!, seconds }, subs);
    const chosen = options.submission ?? (ranking.find((r) => r.withHyperparameters > 0) ?? ranking[0])?.submission;
    const sub = subs.find((s) => s.slug === chosen);
    if (!sub)
      throw options.submission === undefined
        ? new AppError("BAD_REQUEST", `round "${options.round}" has no submissions`, [{ path: "submission", message: "unknown submission" }])
        : badParameter("submission", `no submission "${options.submission}" in round "${options.round}"`, "unknown submission");
    const own: RunRow[] = await db.run.findMany({
      where: { submissionId: sub.id },
      select: {
        workload: { select: { key: true } },
        study: true,
        trial: true,
        reached: true,
        timeSeconds: true,
        timeFraction: true,
        hyperparameters: true,
        hardware: true,
        provenance: true,
      },
      orderBy: [{ study: "asc" }, { position: "asc" }, { trial: "asc" }],
    });
    const result = hyperparameterSensitivity(own.map((r) => trialOf(r, seconds)));
    const available = result.withHyperparameters > 0;
    return {
      round: options.round,
      submission: sub.slug,
      displayName: sub.displayName,
      ...result,
      hardware: [...new Set(own.map((r) => hardwareClass(r.hardware, r.provenance as Parameters<typeof hardwareClass>[1]) ?? "unknown"))].sort(),
      timeBasis: round.timeBasis,
      ranking,
      available,
      message: available ? null : `no run of "${sub.slug}" carries hyperparameters (hparams.json); the spread of time-to-target across trials is still given`,
    };
  });
}
