// CSV of submissions.ts's views (`?format=csv`): rows from the service's report, text by lib/views/csv.ts.
import type { EvalSlice, SubmissionView } from "@/lib/server/services/submissions";
import { csvRows, toCsv, type CsvTable } from "@/lib/views/csv";

/** GET …/submissions/<slug>?format=csv: one row per run (submission × workload × study × trial). */
export function submissionCsv(v: SubmissionView): CsvTable {
  const header = [
    "workload",
    "role",
    "study",
    "trial",
    "reached",
    "time_seconds",
    "time_fraction",
    "steps",
    "first_hit_index",
    "best_metric",
    "over_budget",
    "hardware",
    "framework",
    "code_commit",
    "gpu_model",
    "gpu_count",
    "seed",
    "hyperparameters",
    "has_evals",
  ];
  const rows = v.workloads.flatMap((w) =>
    w.runs.map((r) => [
      w.workload.key,
      w.workload.role,
      r.study,
      r.trial,
      r.reached,
      r.timeSeconds,
      r.timeFraction,
      r.steps,
      r.firstHitIndex,
      r.bestMetric,
      r.overBudget,
      r.hardware,
      r.framework,
      r.codeCommit,
      (r.provenance?.gpuModel as string | undefined) ?? null,
      (r.provenance?.gpuCount as number | undefined) ?? null,
      (r.provenance?.seed as number | undefined) ?? null,
      r.hyperparameters ? JSON.stringify(r.hyperparameters) : null,
      r.hasEvals,
    ]),
  );
  return { header, rows };
}

const EVALS_HEADER = ["workload", "study", "trial", "eval_index", "step", "time_seconds", "metric"];

/** GET …/submissions/<slug>/evals?format=csv: one row per evaluation, as text chunks (the header first), one per slice. */
export async function* evalsCsvChunks(slices: AsyncIterable<EvalSlice>): AsyncIterable<string> {
  yield toCsv(EVALS_HEADER, []);
  for await (const s of slices) {
    yield csvRows(s.metrics.map((m, k) => [s.workload, s.study, s.trial, s.from + k, s.steps[k] ?? null, s.times[k] ?? null, m]));
  }
}
