// A whole round scored from its raw logs, as the official scorer does it:
// AlgoPerf experiment folders → each trial's time-to-target (docs/scoring.md §1,
// lib/scoring trialTimeToTarget on the eval series parseEvalCsv reads, the
// same derivation the upload service applies to what the CLI sends) → the
// round's trials in listing order (lib/scoring RoundTrials), ready for
// poolFromRound / scorePool.
import type { Direction, RoundTrial, RoundTrials } from "@/lib/scoring";
import { scanExperiment, type TrialOrder } from "./experiment-dir";
import { trialHits, type TrialHitResult, type TrialHitsRequest } from "./trial-hits";

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
 *   CSV that cannot be used (the same messages as `npm run cli -- upload`);
 *   the first such trial in listing order, as when read one by one.
 */
export async function readExperimentRound(roots: readonly string[], options: ExperimentRoundOptions): Promise<ExperimentRound> {
  const workloads = new Map(options.workloads.map((w) => [w.key, w]));
  const submissions: Record<string, Record<string, Record<string, RoundTrial[]>>> = {};
  const skipped: string[] = [];
  let count = 0;
  for (const root of roots) {
    const scan = await scanExperiment(root, { trialOrder: options.trialOrder });
    skipped.push(...scan.skipped);
    const trials = scan.submissions.flatMap((s) => s.trials);
    // Trials of a workload the round does not have are not read; their error comes in listing order with the others.
    const known = trials.filter((t) => workloads.has(t.workload));
    const requests = known.map((t) => {
      const w = workloads.get(t.workload)!;
      return { dir: t.dir, metricName: w.metricName, target: w.target, direction: w.direction };
    });
    const hits = new Map(
      zip(
        known,
        readHits(requests, options, (n) => options.onProgress?.(count + n)),
      ),
    );
    for (const s of scan.submissions) submissions[s.slug] ??= {};
    for (const t of trials) {
      const hit = hits.get(t);
      if (!hit)
        throw new Error(`${t.dir}: the round has no workload "${t.workload}" (from folder ${t.workloadDir}); workloads: ${[...workloads.keys()].join(", ")}`);
      if ("error" in hit) throw new Error(hit.error);
      const studies = (submissions[t.submission]![t.workloadDir] ??= {});
      // Trials keep the scan's listing order (positions ascend within a workload folder).
      (studies[`study_${t.study}`] ??= []).push({ trial: `trial_${t.trial}`, hit_index: hit.hit.hitIndex, hit_time: hit.hit.hitTime });
    }
    count += trials.length;
  }
  return { round: { base_workloads: options.baseWorkloads, held_out_workloads: options.heldOutWorkloads, submissions }, trials: count, skipped };
}

function zip<A, B>(a: readonly A[], b: readonly B[]): [A, B][] {
  return a.map((x, i) => [x, b[i]!]);
}

/**
 * Trials read between progress reports. (A second reading thread was tried and
 * dropped: on 2 idle cores it took nothing off the wall time once a trial is
 * read only up to its first hit, docs/performance.md.)
 */
const CHUNK = 100;

/** The hits of the trials, in order. */
function readHits(trials: TrialHitsRequest["trials"], options: ExperimentRoundOptions, onProgress: (trials: number) => void): TrialHitResult[] {
  const out: TrialHitResult[] = [];
  for (let a = 0; a < trials.length; a += CHUNK) {
    out.push(...trialHits({ trials: trials.slice(a, a + CHUNK), numbers: options.numbers }));
    onProgress(out.length);
  }
  return out;
}
