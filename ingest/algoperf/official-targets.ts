// The workload targets the official score_submissions.py reads: its
// workload_targets*.json format (scoring/config.py). Loaded only with
// `score --targets`.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { metricDirection } from "@/lib/scoring";
import type { RoundWorkload } from "./experiment-round";

export interface ScoringTargets {
  /** Where the targets come from, for the summary. */
  source: string;
  workloads: RoundWorkload[];
  baseWorkloads: string[];
  heldOutWorkloads: string[];
}

// scoring/config.py WorkloadConfig.from_json: benchmark_version, base/held-out lists, workloads{name: WorkloadTarget}.
const targetsFile = z.object({
  benchmark_version: z.string(),
  base_workloads: z.array(z.string()).min(1),
  held_out_workloads: z.array(z.string()),
  workloads: z.record(z.string(), z.object({ target_metric_name: z.string(), validation_target_value: z.number() }).loose()),
});

/** A workload_targets*.json file of the official scoring code (metric column = "validation/" + target_metric_name, docs/scoring.md §1.2). */
export function readTargetsFile(file: string): ScoringTargets {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`cannot read the targets file ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = targetsFile.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `${file} is not a workload_targets*.json file (benchmark_version, base_workloads, held_out_workloads, workloads): ${parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join(".")}: ${i.message}`)
        .join("; ")}`,
    );
  }
  const t = parsed.data;
  const missing = [...t.base_workloads, ...t.held_out_workloads].filter((w) => !Object.hasOwn(t.workloads, w));
  if (missing.length) throw new Error(`${file}: base/held-out workloads missing from "workloads": ${missing.join(", ")}`);
  const workloads = Object.entries(t.workloads).map(([key, w]) => {
    const metricName = `validation/${w.target_metric_name}`;
    return { key, metricName, target: w.validation_target_value, direction: metricDirection(metricName) };
  });
  return { source: `${file} (benchmark version ${t.benchmark_version})`, workloads, baseWorkloads: t.base_workloads, heldOutWorkloads: t.held_out_workloads };
}
