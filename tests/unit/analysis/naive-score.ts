// A deliberately naive second implementation of the AlgoPerf benchmark score
// for the analysis tests, written from docs/scoring.md and not from
// lib/scoring: base workloads only (no held-out variants), one time per
// submission and workload, exact integration of the step profile.
// - §4.1 ratio = time / the pool's best time on the workload; a time more
//   than 4x the best, infinite (not reached) or NaN (no data) never counts.
// - §4.5 rho(tau) = the fraction of base workloads with ratio <= tau.
// - §5 score = the area under rho on [1, tauMax], divided by tauMax - 1; for a
//   step function that is sum over counted workloads of (tauMax - ratio) / W.

export type Times = Record<string, Record<string, number>>;

export function naiveScores(times: Times, workloads: string[], tauMax = 4): Record<string, number> {
  const best: Record<string, number> = {};
  for (const w of workloads) {
    best[w] = Infinity;
    for (const name of Object.keys(times)) {
      const t = times[name]![w]!;
      if (t < best[w]!) best[w] = t;
    }
  }
  const scores: Record<string, number> = {};
  for (const name of Object.keys(times)) {
    let area = 0;
    for (const w of workloads) {
      const ratio = times[name]![w]! / best[w]!;
      if (ratio <= 4 && ratio <= tauMax) area += tauMax - ratio;
    }
    scores[name] = area / workloads.length / (tauMax - 1);
  }
  return scores;
}

/** Competition ranks (1, 2, 2, 4): one plus the number of strictly higher scores. */
export function naiveRanks(scores: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, s] of Object.entries(scores)) out[name] = 1 + Object.values(scores).filter((o) => o > s).length;
  return out;
}

/** The pool without one member. */
export function without(times: Times, name: string): Times {
  return Object.fromEntries(Object.entries(times).filter(([n]) => n !== name));
}
