// The computations a compute worker runs (lib/server/compute/worker.mjs): pure
// calls into lib/scoring, nothing else. Imports are relative because the
// worker loads this file with tsx, outside the Next bundle.
import { scorePool } from "../../scoring/pool";
import type { PoolInput, ScoreSettings } from "../../scoring/types";
import { bootstrapPool, type StudyPoolInput } from "../../scoring/analysis/bootstrap";
import { compareWithAndWithout, leaveOneOut } from "../../scoring/analysis/sensitivity";
import { tauSweep } from "../../scoring/analysis/tau-sweep";

type Settings = Partial<ScoreSettings>;

export type ComputeTask =
  | { kind: "score"; input: PoolInput; settings: Settings }
  | { kind: "bootstrap"; input: StudyPoolInput; settings: Settings; seed: number; resamples: number }
  | { kind: "tauSweep"; input: PoolInput; settings: Settings; taus: number[] }
  | { kind: "leaveOneOut"; input: PoolInput; settings: Settings }
  | { kind: "compare"; input: PoolInput; settings: Settings; subject: string };

const RUN = {
  score: (t: Extract<ComputeTask, { kind: "score" }>) => scorePool(t.input, t.settings),
  bootstrap: (t: Extract<ComputeTask, { kind: "bootstrap" }>) => bootstrapPool(t.input, t.settings, { seed: t.seed, resamples: t.resamples }),
  tauSweep: (t: Extract<ComputeTask, { kind: "tauSweep" }>) => tauSweep(t.input, t.settings, t.taus),
  leaveOneOut: (t: Extract<ComputeTask, { kind: "leaveOneOut" }>) => leaveOneOut(t.input, t.settings),
  compare: (t: Extract<ComputeTask, { kind: "compare" }>) => compareWithAndWithout(t.input, t.subject, t.settings),
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
    return { ok: true, value: (RUN[task.kind] as (t: ComputeTask) => unknown)(task) };
  } catch (error) {
    return { ok: false, refused: error instanceof Error ? error.message : String(error) };
  }
}
