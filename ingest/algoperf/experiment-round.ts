// A whole round scored from its raw logs, as the official scorer does it:
// AlgoPerf experiment folders → each trial's time-to-target (docs/scoring.md §1,
// lib/scoring trialTimeToTarget on the eval series parseEvalCsv reads, the
// same derivation the upload service applies to what the CLI sends) → the
// round's trials in listing order (lib/scoring RoundTrials), ready for
// poolFromRound / scorePool.
import path from "node:path";
import { trialTimeToTarget, type Direction, type RoundTrial, type RoundTrials } from "@/lib/scoring";
import { parseEvalCsv } from "./eval-csv";
import { EVAL_FILE, readEvalFile, scanExperiment, type TrialOrder } from "./experiment-dir";

export interface RoundWorkload {
  key: string;
  /** Column of eval_measurements.csv compared with the target, e.g. validation/ssim. */
  metricName: string;
  target: number;
  direction: Direction;
}

export interface ExperimentRoundOptions {
  workloads: readonly RoundWorkload[];
  baseWorkloads: readonly string[];
  heldOutWorkloads: readonly string[];
  trialOrder: TrialOrder;
  /** How numbers are converted (parseEvalCsv): correctly rounded (default) or as pandas.read_csv does. */
  numbers?: "exact" | "pandas";
  /** Called now and then with the number of trials read so far (the CLI's progress). */
  onProgress?: (trials: number) => void;
}

export interface ExperimentRound {
  round: RoundTrials;
  /** Trials read (one eval_measurements.csv each). */
  trials: number;
  /** Folders that were not read, with the reason. */
  skipped: string[];
}

/**
 * Reads every trial under `roots` (submission folders or folders of them).
 * @throws Error naming the file for a workload the round does not have or a
 *   CSV that cannot be used (the same messages as `npm run cli -- upload`).
 */
export async function readExperimentRound(roots: readonly string[], options: ExperimentRoundOptions): Promise<ExperimentRound> {
  const workloads = new Map(options.workloads.map((w) => [w.key, w]));
  const submissions: Record<string, Record<string, Record<string, RoundTrial[]>>> = {};
  const skipped: string[] = [];
  let count = 0;
  for (const root of roots) {
    const scan = await scanExperiment(root, { trialOrder: options.trialOrder });
    skipped.push(...scan.skipped);
    for (const s of scan.submissions) {
      const hits = s.trials.map((t) => {
        const w = workloads.get(t.workload);
        if (!w)
          throw new Error(`${t.dir}: the round has no workload "${t.workload}" (from folder ${t.workloadDir}); workloads: ${[...workloads.keys()].join(", ")}`);
        const text = readEvalFile(t);
        let series;
        try {
          series = parseEvalCsv(text, w.metricName, { numbers: options.numbers });
        } catch (e) {
          throw new Error(`${path.join(t.dir, EVAL_FILE)}: ${e instanceof Error ? e.message : String(e)}`);
        }
        // As the upload service does with what the CLI sends: a missing metric is NaN (§1.3).
        const metric = series.metrics.map((m) => (m === null ? NaN : m));
        return trialTimeToTarget({ metric, time: series.times }, w.target, w.direction);
      });
      const dirs = (submissions[s.slug] ??= {});
      s.trials.forEach((t, i) => {
        const studies = (dirs[t.workloadDir] ??= {});
        // Trials keep the scan's listing order (positions ascend within a workload folder).
        (studies[`study_${t.study}`] ??= []).push({ trial: `trial_${t.trial}`, hit_index: hits[i]!.hitIndex, hit_time: hits[i]!.hitTime });
      });
      count += s.trials.length;
      options.onProgress?.(count);
    }
  }
  return { round: { base_workloads: options.baseWorkloads, held_out_workloads: options.heldOutWorkloads, submissions }, trials: count, skipped };
}
