// What the official score_submissions.py needs besides the logs, and what it
// writes: the workload targets (its workload_targets*.json format, or a round
// of this repository's published data) and its CSV files (scores.csv,
// time_to_targets.csv, performance_profile_score.csv), formatted as pandas'
// DataFrame.to_csv formats them, so the files can be compared byte for byte.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { metricDirection, type PoolInput, type ScoreResult } from "@/lib/scoring";
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

/** Python's repr of a float, as pandas writes it in to_csv: 7491.0, 1e-05, 1e+16, inf; NaN is an empty field. */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return "";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  // repr switches to exponent notation below 1e-4 and from 1e16 on; JS's String() does so at 1e-7 and 1e21.
  // Both print the shortest digits that round-trip, so only the notation differs.
  const [mant, pow] = x.toExponential().split("e") as [string, string];
  const e = Number(pow);
  if (e < -4 || e >= 16) return `${mant}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  const s = String(x);
  return s.includes(".") || s.includes("e") ? s : `${s}.0`;
}

const csvLine = (cells: string[]) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(",");

/** scores.csv: compute_leaderboard_score(...).to_csv, rows in pool order. */
export function scoresCsv(result: ScoreResult, order: readonly string[]): string {
  return [csvLine(["submission", "score"]), ...order.map((s) => csvLine([s, pythonFloat(result.scores[s]!)]))].join("\n") + "\n";
}

/**
 * time_to_targets.csv as compute_performance_profiles writes it: per-workload
 * times before the held-out rules (docs/scoring.md §3), restricted to base +
 * held-out when the held-out list is not empty (§3.2), columns sorted.
 */
export function timeToTargetsCsv(pool: PoolInput): string {
  const present = new Set(pool.submissions.flatMap((s) => Object.keys(s.times)));
  let columns = [...present];
  if (pool.heldOutWorkloads.length) columns = [...pool.baseWorkloads, ...pool.heldOutWorkloads];
  // Python's sorted(): code-point order.
  columns.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rows = pool.submissions.map((s) => csvLine([s.name, ...columns.map((w) => pythonFloat(Object.hasOwn(s.times, w) ? s.times[w]! : NaN))]));
  return [csvLine(["submission", ...columns]), ...rows].join("\n") + "\n";
}

/** performance_profile_score.csv: rho_s(tau) per submission, tau values as the header (docs/scoring.md §4.5). */
export function profileCsv(result: ScoreResult, order: readonly string[]): string {
  const tau = result.settings.scale === "log" ? result.tau.map(Math.log10) : result.tau;
  return [csvLine(["submission", ...tau.map(pythonFloat)]), ...order.map((s) => csvLine([s, ...result.profiles[s]!.map(pythonFloat)]))].join("\n") + "\n";
}
