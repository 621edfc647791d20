// The computations a compute worker runs (lib/server/compute/worker.mjs): pure
// calls into lib/scoring, nothing else. Imports are relative because the
// worker loads this file with tsx, outside the Next bundle.
import { scorePool } from "../../scoring/pool";
import type { PoolInput, ScoreSettings } from "../../scoring/types";
import { bootstrapPool, type StudyPoolInput } from "../../scoring/analysis/bootstrap";
import { leaveOneWorkloadOut, workloadRobustness } from "../../scoring/analysis/robustness";
import { compareWithAndWithout, leaveOneOut } from "../../scoring/analysis/sensitivity";
import { headToHead, speedupMatrix } from "../../scoring/analysis/speedup";
import { tauSweep } from "../../scoring/analysis/tau-sweep";
import { packArrays } from "./packed-arrays";

type Settings = Partial<ScoreSettings>;
/** Bootstrap options of the speedup and robustness analyses. */
type Resampling = { seed: number; resamples: number; level: number };

export type ComputeTask =
  | { kind: "score"; input: PoolInput; settings: Settings }
  | { kind: "bootstrap"; input: StudyPoolInput; settings: Settings; seed: number; resamples: number }
  | { kind: "tauSweep"; input: PoolInput; settings: Settings; taus: number[] }
  | { kind: "leaveOneOut"; input: PoolInput; settings: Settings }
  | { kind: "compare"; input: PoolInput; settings: Settings; subject: string }
  | { kind: "leaveWorkloadOut"; input: PoolInput; settings: Settings }
  | ({ kind: "robustness"; input: StudyPoolInput; settings: Settings } & Resampling)
  /** The speedup matrix of input.submissions in their order; missed targets count input.missValues. */
  | ({ kind: "speedups"; input: StudyPoolInput; settings: Settings } & Resampling)
  /** Head to head of the first two of input.submissions (A, B), with the matrix of the pair for its interval. */
  | ({ kind: "headToHead"; input: StudyPoolInput; settings: Settings } & Resampling);

const resampling = (t: Resampling): Resampling => ({ seed: t.seed, resamples: t.resamples, level: t.level });

function missValuesOf(input: PoolInput): Readonly<Record<string, number>> {
  if (!input.missValues) throw new Error("a workload has no budget, so a missed target has no time for the geometric mean");
  return input.missValues;
}

function pairOf(t: Extract<ComputeTask, { kind: "headToHead" }>) {
  const [a, b] = t.input.submissions;
  if (!a || !b) throw new Error("a head-to-head takes two submissions");
  const miss = missValuesOf(t.input);
  return { headToHead: headToHead(a.times, b.times, t.input.baseWorkloads, miss), matrix: speedupMatrix([a, b], t.input.baseWorkloads, miss, resampling(t)) };
}

const RUN = {
  score: (t: Extract<ComputeTask, { kind: "score" }>) => scorePool(t.input, t.settings),
  bootstrap: (t: Extract<ComputeTask, { kind: "bootstrap" }>) => bootstrapPool(t.input, t.settings, { seed: t.seed, resamples: t.resamples }),
  tauSweep: (t: Extract<ComputeTask, { kind: "tauSweep" }>) => tauSweep(t.input, t.settings, t.taus),
  leaveOneOut: (t: Extract<ComputeTask, { kind: "leaveOneOut" }>) => leaveOneOut(t.input, t.settings),
  compare: (t: Extract<ComputeTask, { kind: "compare" }>) => compareWithAndWithout(t.input, t.subject, t.settings),
  leaveWorkloadOut: (t: Extract<ComputeTask, { kind: "leaveWorkloadOut" }>) => leaveOneWorkloadOut(t.input, t.settings),
  robustness: (t: Extract<ComputeTask, { kind: "robustness" }>) => workloadRobustness(t.input, t.settings, resampling(t)),
  speedups: (t: Extract<ComputeTask, { kind: "speedups" }>) => speedupMatrix(t.input.submissions, t.input.baseWorkloads, missValuesOf(t.input), resampling(t)),
  headToHead: pairOf,
};

export type ComputeResult<K extends ComputeTask["kind"]> = ReturnType<(typeof RUN)[K]>;

/**
 * What the scoring engine refuses (a setting, a pool it cannot score) comes
 * back as `refused` with its message, so the caller can answer 400; only a
 * crash or a cancellation rejects.
 */
export type TaskOutcome = { ok: true; value: unknown } | { ok: false; refused: string };

export function runTask(task: ComputeTask): TaskOutcome {
  try {
    // Long arrays of numbers travel as Float64Arrays (packed-arrays.ts): cheap to receive on the request loop.
    return { ok: true, value: packArrays((RUN[task.kind] as (t: ComputeTask) => unknown)(task)) };
  } catch (error) {
    return { ok: false, refused: error instanceof Error ? error.message : String(error) };
  }
}
