// Hyperparameter sensitivity of one submission (docs/analysis-tuning.md
// "Hyperparameter sensitivity"): per workload, time-to-target against every
// hyperparameter that varies across its trials, and the spread of the trials'
// times as one number.
import { numpyMedian } from "../aggregate";

export interface HparamTrial {
  workload: string;
  study: number;
  trial: number;
  /** Time-to-target, null = missed. */
  hitTime: number | null;
  /** hparams.json of the trial; null = not uploaded. */
  hyperparameters: Readonly<Record<string, unknown>> | null;
}

export interface HparamPoint {
  study: number;
  trial: number;
  value: number | string;
  /** null = the trial missed (drawn at the top). */
  time: number | null;
}

export interface HparamAxis {
  name: string;
  /** Numeric values all > 0 spanning at least two decades: plot on a log axis. */
  log: boolean;
  points: HparamPoint[];
}

export interface WorkloadSensitivity {
  workload: string;
  trials: number;
  /** Over all trials of all studies, a miss = +inf (np.median semantics). */
  best: number;
  median: number;
  worst: number;
  /** median / best: how much slower a typical trial is than the best one (+inf when the median trial misses; NaN when none hits). */
  spread: number;
  /** Hyperparameters whose value differs between trials of this workload (scalars only). */
  axes: HparamAxis[];
}

export interface HparamSensitivity {
  workloads: WorkloadSensitivity[];
  /** Median over workloads of `spread` (np.median: +inf counts, NaN poisons): the submission's sensitivity number. */
  sensitivity: number;
  /** Trials that carry hyperparameters. */
  withHyperparameters: number;
}

const scalar = (v: unknown): v is number | string => (typeof v === "number" && Number.isFinite(v)) || typeof v === "string";

function axesOf(trials: readonly HparamTrial[]): HparamAxis[] {
  const names = new Set(trials.flatMap((t) => Object.keys(t.hyperparameters ?? {})));
  const axes: HparamAxis[] = [];
  for (const name of [...names].sort()) {
    const points: HparamPoint[] = [];
    for (const t of trials) {
      const v = t.hyperparameters?.[name];
      if (scalar(v)) points.push({ study: t.study, trial: t.trial, value: v, time: t.hitTime });
    }
    if (new Set(points.map((p) => p.value)).size < 2) continue;
    const numbers = points.map((p) => p.value).filter((v): v is number => typeof v === "number");
    const log = numbers.length === points.length && numbers.every((v) => v > 0) && Math.max(...numbers) / Math.min(...numbers) >= 100;
    axes.push({ name, log, points });
  }
  return axes;
}

export function hyperparameterSensitivity(trials: readonly HparamTrial[]): HparamSensitivity {
  const byWorkload = new Map<string, HparamTrial[]>();
  for (const t of trials) byWorkload.set(t.workload, [...(byWorkload.get(t.workload) ?? []), t]);
  const workloads = [...byWorkload].map(([workload, ts]): WorkloadSensitivity => {
    const times = ts.map((t) => t.hitTime ?? Infinity).sort((a, b) => a - b);
    const best = times[0]!;
    const median = numpyMedian(times);
    const spread = best === Infinity ? NaN : median / best;
    return { workload, trials: ts.length, best, median, worst: times[times.length - 1]!, spread, axes: axesOf(ts) };
  });
  return {
    workloads,
    sensitivity: numpyMedian(workloads.map((w) => w.spread)),
    withHyperparameters: trials.filter((t) => t.hyperparameters !== null).length,
  };
}

/**
 * Order of submissions by sensitivity number: indices, least sensitive first;
 * +inf after every finite value, NaN (no trial hits anywhere) last; ties keep
 * the given order.
 */
export function sensitivityOrder(values: readonly number[]): number[] {
  const rank = (v: number) => (Number.isNaN(v) ? 2 : v === Infinity ? 1 : 0);
  return values.map((_, i) => i).sort((a, b) => rank(values[a]!) - rank(values[b]!) || (rank(values[a]!) === 0 ? values[a]! - values[b]! : 0) || a - b);
}
