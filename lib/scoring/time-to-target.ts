// Time-to-target of one trial (docs/scoring.md §1).
import type { Direction } from "./types";

const MIN_EVAL_METRICS = ["ce_loss", "error_rate", "ctc_loss", "wer", "l1_loss", "loss", "ppl"];
const MAX_EVAL_METRICS = ["mean_average_precision", "ssim", "accuracy", "bleu"];

function evalColumns(metrics: readonly string[]): string[] {
  return ["train", "validation"].flatMap((split) => metrics.map((m) => `${split}/${m}`));
}

// docs/scoring.md §1.2: MINIMIZE_REGISTRY in insertion order — all train/ then all
// validation/ keys of the minimised metrics, the same for the maximised ones,
// then train_cost. The order matters because matching is by substring.
const MINIMIZE_REGISTRY: readonly (readonly [string, boolean])[] = [
  ...evalColumns(MIN_EVAL_METRICS).map((c) => [c, true] as const),
  ...evalColumns(MAX_EVAL_METRICS).map((c) => [c, false] as const),
  ["train_cost", true],
];

/**
 * Direction of a metric column such as "validation/ssim".
 * docs/scoring.md §1.2: first registry key that is a substring of the column wins;
 * upstream `check_if_minimized` first deletes "best_" and "final_".
 * @throws Error when no registry key matches (upstream raises ValueError).
 */
export function metricDirection(metricColumn: string): Direction {
  const column = metricColumn.replaceAll("best_", "").replaceAll("final_", "");
  for (const [key, minimize] of MINIMIZE_REGISTRY) {
    if (column.includes(key)) return minimize ? "min" : "max";
  }
  throw new Error(
    `metric column "${metricColumn}" matches no key of the AlgoPerf MINIMIZE_REGISTRY ` +
      `(e.g. "validation/loss", "validation/accuracy"), so its direction is unknown`,
  );
}

/**
 * Index of the first evaluation that meets the target, or -1 if none does.
 * docs/scoring.md §1.3: inclusive comparison (<= for min, >= for max); a NaN metric
 * never hits because every comparison with NaN is false.
 * docs/scoring.md §1.4: the first true element (np.argmax of the hit mask).
 */
export function firstHitIndex(metrics: ArrayLike<number>, target: number, direction: Direction): number {
  for (let i = 0; i < metrics.length; i++) if (meetsTarget(metrics[i]!, target, direction)) return i;
  return -1;
}

/** Whether one metric value meets the target (§1.3: NaN never does). */
export function meetsTarget(metric: number, target: number, direction: Direction): boolean {
  return direction === "min" ? metric <= target : metric >= target;
}

export interface TrialEvals {
  /** Validation metric per evaluation. */
  metric: ArrayLike<number>;
  /** The `score` column (= accumulated_submission_time) per evaluation (§1.1). */
  time: ArrayLike<number>;
}

export interface TrialHit {
  /** Eval index of the first hit, null = target never reached. */
  hitIndex: number | null;
  /** Time at that eval, null = target never reached. */
  hitTime: number | null;
}

export interface TimeToTargetOptions {
  /**
   * NOT upstream (docs/scoring.md §1.5: the scorer applies no budget cutoff). When
   * set, evaluations at a time >= budgetCutoff are ignored, as the runner's
   * `accumulated_submission_time < max_runtime` check would have stopped
   * them. Off (null) by default.
   */
  budgetCutoff?: number | null;
}

/**
 * Time-to-target of one trial: time[firstHit] (§1.1, §1.4), or nulls if the
 * target was never met.
 */
export function trialTimeToTarget(evals: TrialEvals, target: number, direction: Direction, options: TimeToTargetOptions = {}): TrialHit {
  if (evals.metric.length !== evals.time.length) {
    throw new Error(`trial has ${evals.metric.length} metric values but ${evals.time.length} time values`);
  }
  const cutoff = options.budgetCutoff ?? null;
  let metric = evals.metric;
  if (cutoff !== null) {
    // Times are cumulative, so the evals within budget are a prefix.
    let n = 0;
    while (n < evals.time.length && evals.time[n]! < cutoff) n++;
    metric = Array.prototype.slice.call(evals.metric, 0, n) as number[];
  }
  const i = firstHitIndex(metric, target, direction);
  return i < 0 ? { hitIndex: null, hitTime: null } : { hitIndex: i, hitTime: evals.time[i]! };
}
