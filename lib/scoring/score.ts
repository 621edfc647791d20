// Benchmark score from a performance profile (docs/scoring.md §5).
import type { Scale } from "./types";
import { pairwiseSum } from "./numpy-sum";

/** Which numpy summation order the trapezoid terms are added in (§5.3). */
export type SummationOrder = "left-to-right" | "pairwise";

/**
 * Returns rho => np.trapz(rho, x) / (max(x) - min(x)), bit for bit
 * (docs/scoring.md §5.1–§5.3): term_i = ((x[i+1]-x[i]) * (rho[i+1]+rho[i])) / 2.0,
 * summed left to right when the pool has >= 2 submissions (the profile
 * DataFrame is Fortran-ordered) and pairwise when it has exactly 1.
 */
export function trapezoidIntegrator(x: readonly number[], order: SummationOrder): (rho: ArrayLike<number>) => number {
  const n = x.length;
  // docs/scoring.md §5.1: normalize=True divides by the range of the axis.
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of x) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const width = hi - lo;
  const terms = new Float64Array(Math.max(0, n - 1));
  return (rho) => {
    let sum = 0;
    for (let i = 0; i < n - 1; i++) {
      const term = ((x[i + 1]! - x[i]!) * (rho[i + 1]! + rho[i]!)) / 2.0;
      if (order === "pairwise") terms[i] = term;
      else sum += term;
    }
    if (order === "pairwise") sum = pairwiseSum(terms);
    return sum / width;
  };
}

/**
 * OUR addition: the exact area under the step profile over [tauMin, tauMax]
 * divided by the interval width (on the log10 axis for the log scale).
 * A ratio r contributes max(0, b - max(a, r)) / n: rho jumps at r and stays
 * (rho is right-continuous because of the inclusive <=, §4.5). Unlike the
 * trapezoid rule (§5.5), a jump between grid points costs nothing extra.
 * NaN when the interval is empty or reversed.
 */
export function exactScore(ratios: ArrayLike<number>, n: number, tauMin: number, tauMax: number, scale: Scale): number {
  const axis = scale === "log" ? Math.log10 : (v: number) => v;
  const a = axis(tauMin);
  const b = axis(tauMax);
  if (!(b > a)) return NaN;
  let area = 0;
  for (let w = 0; w < ratios.length; w++) {
    const r = ratios[w]!;
    // inf and NaN never count (§4.5); ratios below tauMin count from tauMin.
    if (!(r <= tauMax)) continue;
    area += b - Math.max(a, axis(r));
  }
  return area / n / (b - a);
}
