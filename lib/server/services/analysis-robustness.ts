// Workload-set robustness: GET /api/v1/rounds/<round>/robustness, its analysis
// view and the leaderboard's one-line verdicts (lib/scoring/analysis/robustness.ts).
import "server-only";
import type { Db } from "@/lib/db/client";
import { robustnessParamsSchema, type RobustnessParams } from "@/lib/server/schemas/analysis-robustness";
import { BOOTSTRAP_DEFAULTS } from "@/lib/scoring/analysis";
import { verdictOf, type AdjacentPair, type LeaveOutResult, type RobustnessMember } from "@/lib/scoring/analysis/robustness";
import { ranksOf } from "@/lib/scoring/analysis";
import { compute } from "@/lib/server/compute/pool";
import { AppError } from "@/lib/server/errors";
import { analysisHead, type AnalysisHead } from "./analysis-common";
import { loadPool, poolRequest, readPoolView, scoreLoaded } from "./pool";
import type { ScoreQuery } from "@/lib/server/schemas/scores";

export const ROBUSTNESS_METHOD =
  "Leave one workload out: the pool rescored with the official rules without one base workload (its held-out variants go with it), " +
  "so every profile is renormalised to the workloads left. Bootstrap over workloads: every resample draws the base workloads with replacement " +
  "(a workload drawn twice counts twice) and rescores the pool. Bootstrap over studies: the uncertainty view's, same seed. " +
  "'Order kept' is the share of resamples in which a submission scores strictly above the next one of the ranking.";

export interface RobustnessReport extends AnalysisHead {
  method: { seed: number; resamples: number; level: number; description: string };
  workloads: string[];
  /** By point score, descending. */
  submissions: (RobustnessMember & { key: string })[];
  /** Adjacent pairs of the ranking. */
  pairs: AdjacentPair[];
  /** The pool without each base workload: scores, ranks, ranking and renormalised profiles. */
  leaveOut: LeaveOutResult[];
  studiesResampled: boolean;
}

export async function robustnessOfPool(
  db: Db,
  options: { round: string; query: ScoreQuery } & Partial<RobustnessParams>,
): Promise<RobustnessReport & { stale?: boolean }> {
  const { seed, resamples } = robustnessParamsSchema.parse(options);
  const request = poolRequest(options.round, options.query);
  return readPoolView(db, `robustness|${seed}|${resamples}`, request, async (versions) => {
    const pool = await loadPool(db, request, versions, { studies: true });
    if (pool.input.baseWorkloads.length < 2) throw new AppError("BAD_REQUEST", "workload-set robustness needs at least two base workloads");
    const input = { ...pool.input, submissions: pool.input.submissions.map((s) => ({ ...s, studies: pool.studies![s.name] ?? {} })) };
    // On a compute worker, behind the cost cap and the limits (docs/availability.md).
    const r = await compute({ kind: "robustness", input, settings: pool.settings, seed, resamples, level: BOOTSTRAP_DEFAULTS.level });
    return {
      ...analysisHead(pool, r.settings),
      method: { seed, resamples, level: r.options.level, description: ROBUSTNESS_METHOD },
      workloads: r.workloads,
      submissions: r.members.map((m) => ({ key: m.name, ...m })),
      pairs: r.pairs,
      leaveOut: r.leaveOut,
      studiesResampled: r.studiesResampled,
    };
  });
}

export interface WorkloadVerdict {
  /** Base workloads whose removal changes the rank. */
  dependsOn: string[];
  verdict: string;
}

/**
 * The leaderboard's one-line verdicts: leave-one-workload-out only (one
 * scoring per base workload, no resampling), so it is cheap enough for every
 * leaderboard render. Same numbers as robustnessOfPool's `dependsOn`.
 */
export async function workloadVerdicts(db: Db, options: { round: string; query: ScoreQuery }): Promise<Record<string, WorkloadVerdict>> {
  const request = poolRequest(options.round, options.query);
  return readPoolView(db, "verdicts", request, async (versions) => {
    const pool = await loadPool(db, request, versions);
    if (pool.input.baseWorkloads.length < 2) return {};
    const scored = await scoreLoaded(pool);
    const names = pool.submissions.map((s) => s.key);
    const ranks = ranksOf(scored.scores, names);
    const leaveOut = await compute({ kind: "leaveWorkloadOut", input: pool.input, settings: pool.settings });
    return Object.fromEntries(
      names.map((n) => {
        const dependsOn = leaveOut.filter((l) => l.ranks[n] !== ranks[n]).map((l) => l.workload);
        return [n, { dependsOn, verdict: verdictOf(dependsOn) }];
      }),
    );
  });
}
