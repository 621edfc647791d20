// Workload-set robustness: GET /api/v1/rounds/<round>/robustness, its analysis
// view and the leaderboard's one-line verdicts (lib/scoring/analysis/robustness.ts).
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { BOOTSTRAP_DEFAULTS } from "@/lib/scoring/analysis";
import { verdictOf, type AdjacentPair, type LeaveOutResult, type RobustnessMember } from "@/lib/scoring/analysis/robustness";
import { ranksOf } from "@/lib/scoring/analysis";
import { compute } from "@/lib/server/compute/pool";
import { AppError } from "@/lib/server/errors";
import { parseParams } from "@/lib/server/query-params";
import type { CsvValue } from "@/lib/views/csv";
import { analysisHead, type AnalysisHead } from "./analysis-common";
import { loadPool, poolRequest, readPoolView, scoreLoaded } from "./pool";
import { parseScoreParams, type ScoreQuery } from "./scores";

export const robustnessParamsSchema = z.object({
  seed: z.number().int().min(0).max(0xffffffff).default(BOOTSTRAP_DEFAULTS.seed),
  resamples: z.number().int().min(10).max(10_000).default(BOOTSTRAP_DEFAULTS.resamples),
});
export type RobustnessParams = z.infer<typeof robustnessParamsSchema>;

export function parseRobustnessParams(params: URLSearchParams): { query: ScoreQuery; options: RobustnessParams } {
  return { query: parseScoreParams(params), options: parseParams(robustnessParamsSchema, params, { numbers: ["seed", "resamples"] }) };
}

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

export async function robustnessOfPool(db: Db, options: { round: string; query: ScoreQuery } & Partial<RobustnessParams>): Promise<RobustnessReport & { stale?: boolean }> {
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

/** CSV: per member, its score and rank in the full pool and without each base workload, and its verdict. */
export function robustnessCsv(r: RobustnessReport): { header: string[]; rows: CsvValue[][] } {
  const header = ["submission", "removed_workload", "score", "rank", "verdict", "workload_bootstrap_low", "workload_bootstrap_high", "study_bootstrap_low", "study_bootstrap_high"];
  const rows: CsvValue[][] = [];
  for (const m of r.submissions) {
    rows.push([m.key, "", m.score, m.rank, m.verdict, m.workloads.interval?.[0] ?? null, m.workloads.interval?.[1] ?? null, m.studies.interval?.[0] ?? null, m.studies.interval?.[1] ?? null]);
    for (const w of r.workloads) rows.push([m.key, w, m.leaveOut[w]!.score, m.leaveOut[w]!.rank, null, null, null, null, null]);
  }
  return { header, rows };
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
