// Ratios, the tau grid and performance profiles (docs/scoring.md §4).
import type { Scale } from "./types";
import { nanMin } from "./held-out";

/**
 * np.linspace(start, stop, num) bit for bit (docs/scoring.md §4.3):
 * tau_i = i * step + start with step = (stop - start) / (num - 1), and the
 * last point set to stop.
 */
export function linspace(start: number, stop: number, num: number): number[] {
  if (!Number.isInteger(num) || num < 2) throw new RangeError(`the tau grid needs an integer number of points >= 2, got ${num}`);
  const step = (stop - start) / (num - 1);
  const out = new Array<number>(num);
  for (let i = 0; i < num - 1; i++) out[i] = i * step + start;
  out[num - 1] = stop;
  return out;
}

export interface TauGrid {
  /** The tau values rho is evaluated at. */
  tau: number[];
  /** The integration axis: tau itself (linear) or log10(tau) (log), §4.3. */
  x: number[];
}

/**
 * docs/scoring.md §4.3: linear = np.linspace(min, max, n); log =
 * np.logspace(log10 min, log10 max, n) integrated over log10(points).
 * The log grid goes through Math.pow/Math.log10, which, like numpy's C
 * library calls, are not guaranteed to be correctly rounded (upstream notes
 * the log axis is not bit-stable across numpy versions either).
 */
export function tauGrid(tauMin: number, tauMax: number, points: number, scale: Scale): TauGrid {
  if (scale === "linear") {
    const tau = linspace(tauMin, tauMax, points);
    return { tau, x: tau };
  }
  if (scale === "log") {
    const tau = linspace(Math.log10(tauMin), Math.log10(tauMax), points).map((e) => 10 ** e);
    return { tau, x: tau.map((t) => Math.log10(t)) };
  }
  // Upstream raises for any other scale; a caller without types could get here.
  throw new RangeError(`unknown tau scale "${String(scale)}" (expected "linear" or "log")`);
}

/**
 * Ratio columns (docs/scoring.md §4.1–§4.2). `times` are the base columns after
 * the §3 rules. Denominator: the column minimum skipping NaN (official), or
 * the reference submission's time (§4.2). Like upstream's `DataFrame.update`,
 * a division that yields NaN is not written back, so the cell keeps its time:
 * inf/inf stays inf, NaN stays NaN, 0/0 keeps 0 (and counts), x/0 = inf;
 * in reference mode finite/inf = 0 (solved at every tau) and a NaN reference
 * leaves raw times in place.
 */
export function computeRatios(times: readonly Float64Array[], referenceIndex: number | null): Float64Array[] {
  return times.map((col) => {
    const denominator = referenceIndex === null ? nanMin(col) : col[referenceIndex]!;
    const out = new Float64Array(col.length);
    for (let s = 0; s < col.length; s++) {
      const t = col[s]!;
      const r = t / denominator;
      out[s] = Number.isNaN(r) ? t : r;
    }
    return out;
  });
}

/**
 * docs/scoring.md §4.4: with max_tau None, upstream uses the largest ratio after
 * replacing +inf and NaN by -1 (so -1 when nothing is finite, including an
 * empty pool, where numpy would raise).
 */
export function largestFiniteRatio(ratios: readonly Float64Array[]): number {
  let m = -1;
  for (const col of ratios) {
    for (let s = 0; s < col.length; s++) {
      const r = col[s]!;
      const v = r === Infinity || Number.isNaN(r) ? -1 : r;
      if (v > m) m = v;
    }
  }
  return m;
}

/**
 * rho_s(tau_i) = #{w : ratio[w] <= tau_i} / n for every grid point, written
 * into `out`. docs/scoring.md §4.5: inclusive comparison, inf and NaN never count,
 * n = the number of base workloads (so missing workloads lower the maximum).
 * `ratios` is sorted in place (NaN last), so each grid point costs one
 * binary search instead of a pass over the workloads.
 */
export function fillProfile(ratios: Float64Array, tau: readonly number[], n: number, out: number[]): void {
  ratios.sort();
  for (let i = 0; i < tau.length; i++) out[i] = countAtMost(ratios, tau[i]!) / n;
}

/** Number of leading elements of an ascending array (NaN last) that are <= t. */
function countAtMost(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
