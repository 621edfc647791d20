// The paper's calibration metric: geometric mean of time-to-target.
import { pairwiseSum } from "./numpy-sum";

/**
 * Geometric mean over the base workloads of one submission's times, with
 * "not reached" (+inf) replaced by `missValues[w]`, as AlgoPerf's
 * scoring/compute_speedups.py does (it uses budget + 1 s, x3 for
 * self-tuning; pass e.g. 1 + 1/budget for runtime fractions). Like there,
 * the times are the per-workload medians before the held-out and 4x rules
 * (docs/scoring.md §2.3, not §3), variants are ignored, and NaN (no data) stays
 * NaN. scipy.stats.gmean = exp(mean(log(x))), the mean summed as numpy does.
 * The speedup compute_speedups prints equals gmean(a) / gmean(b).
 *
 * @throws Error when a base workload has no miss value.
 */
export function geometricMeanTime(
  times: Readonly<Record<string, number>>,
  baseWorkloads: readonly string[],
  missValues: Readonly<Record<string, number>>,
): number {
  const logs = baseWorkloads.map((w) => {
    const miss = missValues[w];
    if (miss === undefined) throw new Error(`no miss value for base workload "${w}"`);
    const t = times[w] ?? NaN;
    return Math.log(t === Infinity ? miss : t);
  });
  return Math.exp(pairwiseSum(logs) / logs.length);
}
