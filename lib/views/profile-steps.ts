// The exact performance profile of one submission as the corners of a step
// function, for plotting: rho only changes at the submission's own ratios, so
// evaluating the scoring engine's rho (docs/scoring.md §4.5, lib/scoring/profile)
// at those points gives the whole curve, not a sample of it.
import { fillProfile } from "@/lib/scoring/profile";

/**
 * [tau, rho] pairs: the first at tauMin, one at every finite ratio in
 * (tauMin, tauMax], the last at tauMax. Drawn with a step-after curve.
 * @param ratios the submission's ratios on the n base workloads (inf/NaN = never counts).
 */
export function profileSteps(ratios: readonly number[], n: number, tauMin: number, tauMax: number): [number, number][] {
  const inside = [...new Set(ratios.filter((r) => Number.isFinite(r) && r > tauMin && r <= tauMax))].sort((a, b) => a - b);
  const taus = [tauMin, ...inside];
  if (taus[taus.length - 1] !== tauMax) taus.push(tauMax);
  const rho = new Array<number>(taus.length);
  fillProfile(Float64Array.from(ratios), taus, n, rho);
  return taus.map((t, i) => [t, rho[i]!]);
}

/** rho at tau on a step curve from profileSteps (the last corner at or left of tau). */
export function rhoOnSteps(steps: readonly (readonly [number, number])[], tau: number): number {
  let lo = 0;
  let hi = steps.length - 1;
  if (steps.length === 0 || tau < steps[0]![0]) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (steps[mid]![0] <= tau) lo = mid;
    else hi = mid - 1;
  }
  return steps[lo]![1];
}
