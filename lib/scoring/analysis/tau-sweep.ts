// How the ranking moves with the upper end of the tau range (docs/scoring.md §4.3:
// max_tau looks like a plot setting but defines the score).
import { linspace } from "../profile";
import { scorePool } from "../pool";
import type { PoolInput, ResolvedSettings, ScoreSettings } from "../types";
import { ranksOf } from "./ranks";

export const TAU_SWEEP_DEFAULTS = { from: 1.25, to: 4, steps: 12 } as const;

export interface TauSeries {
  name: string;
  /** Score and competition rank at each tauMax of the sweep. */
  scores: number[];
  ranks: number[];
  bestRank: number;
  worstRank: number;
}

export interface TauSweep {
  /** Settings at the last tauMax of the sweep. */
  settings: ResolvedSettings;
  taus: number[];
  /** Ordered by rank at the last tauMax, then pool order. */
  series: TauSeries[];
  /** Members ranked first at each tauMax (several on ties). */
  leaders: string[][];
  /** Number of consecutive tauMax pairs between which some member's rank changes. */
  rankingChanges: number;
}

/** The sweep's tauMax values: np.linspace(from, to, steps) (docs/scoring.md §4.3's linspace). */
export function sweepTaus(from: number, to: number, steps: number): number[] {
  return linspace(from, to, steps);
}

/**
 * Scores the pool once per tauMax in `taus`, everything else as in
 * `settings` (tauMin, grid points, scale, integration, reference).
 * The 4x filter (§3.4) does not depend on tau, so a tauMax above 4 cannot
 * make ratios above 4 count (§4.5).
 */
export function tauSweep(input: PoolInput, settings: Partial<ScoreSettings>, taus: readonly number[]): TauSweep {
  if (taus.length === 0) throw new RangeError("the sweep needs at least one tauMax");
  const names = input.submissions.map((s) => s.name);
  const results = taus.map((tauMax) => scorePool({ ...input, missValues: null }, { ...settings, tauMax }));
  const ranks = results.map((r) => ranksOf(r.scores, names));
  const last = results[results.length - 1]!;
  const series = last.ranking.map((name): TauSeries => {
    const r = ranks.map((x) => x[name]!);
    return { name, scores: results.map((x) => x.scores[name]!), ranks: r, bestRank: Math.min(...r), worstRank: Math.max(...r) };
  });
  let rankingChanges = 0;
  for (let i = 1; i < ranks.length; i++) if (names.some((n) => ranks[i]![n] !== ranks[i - 1]![n])) rankingChanges++;
  return {
    settings: last.settings,
    taus: [...taus],
    series,
    leaders: ranks.map((x) => names.filter((n) => x[n] === 1)),
    rankingChanges,
  };
}
