// Score as a function of the training horizon, per base algorithm: the
// paper's point that the horizon is still a hidden hyperparameter.
import type { ScoreResult } from "../types";
import { byAlgorithmAndHorizon, type Configuration } from "./configurations";
import { ranksOf } from "./ranks";

export interface HorizonPoint {
  name: string;
  searchRank: number | null;
  score: number;
  /** Competition rank in the whole pool. */
  rank: number;
  /** Base workloads whose target counts after the held-out and 4x rules (ScoreResult.targetsHit). */
  targetsHit: number;
  selected: boolean;
}

export interface HorizonStep {
  horizon: number;
  /** The configuration marked as selected for this algorithm x horizon, if any. */
  selected: HorizonPoint | null;
  /** The best-scoring configuration (first in ranking order on ties). */
  best: HorizonPoint;
  /** Every configuration at this horizon, by search rank (unknown last), then ranking. */
  configurations: HorizonPoint[];
  minScore: number;
  maxScore: number;
}

export interface HorizonSeries {
  baseAlgorithm: string;
  /** Ascending horizon. */
  steps: HorizonStep[];
  /** Horizon whose representative (selected, else best) scores highest; the smallest on ties. */
  bestHorizon: number;
  /** Largest minus smallest representative score across horizons. */
  scoreSwing: number;
}

/**
 * Every base algorithm that was run at two or more horizons, with, at each
 * horizon, the selected configuration, the best one and the spread over all
 * configurations (e.g. the paper's top-3 search ranks of Appendix E). Scores
 * are those of `result`, i.e. of the whole pool.
 */
export function horizonView(result: ScoreResult, configurations: readonly Configuration[]): HorizonSeries[] {
  const names = Object.keys(result.scores);
  const ranks = ranksOf(result.scores, names);
  const position = new Map(result.ranking.map((n, i) => [n, i]));
  const point = (c: Configuration): HorizonPoint => ({
    name: c.name,
    searchRank: c.searchRank,
    score: result.scores[c.name]!,
    rank: ranks[c.name]!,
    targetsHit: result.targetsHit[c.name]!,
    selected: c.selected,
  });
  const scored = configurations.filter((c) => c.baseAlgorithm !== null && c.horizon !== null && c.name in result.scores);
  const series = new Map<string, HorizonStep[]>();
  for (const g of byAlgorithmAndHorizon(scored)) {
    const points = g.members
      .map(point)
      .sort((a, b) => (a.searchRank ?? Infinity) - (b.searchRank ?? Infinity) || position.get(a.name)! - position.get(b.name)!);
    const byRanking = [...points].sort((a, b) => position.get(a.name)! - position.get(b.name)!);
    const scores = points.map((p) => p.score).filter((s) => !Number.isNaN(s));
    const step: HorizonStep = {
      horizon: g.horizon!,
      selected: points.find((p) => p.selected) ?? null,
      best: byRanking[0]!,
      configurations: points,
      minScore: Math.min(...scores),
      maxScore: Math.max(...scores),
    };
    series.set(g.baseAlgorithm!, [...(series.get(g.baseAlgorithm!) ?? []), step]);
  }
  const out: HorizonSeries[] = [];
  for (const [baseAlgorithm, steps] of series) {
    if (steps.length < 2) continue;
    steps.sort((a, b) => a.horizon - b.horizon);
    const representative = steps.map((s) => (s.selected ?? s.best).score);
    const top = Math.max(...representative);
    out.push({
      baseAlgorithm,
      steps,
      bestHorizon: steps[representative.indexOf(top)]!.horizon,
      scoreSwing: top - Math.min(...representative),
    });
  }
  return out.sort((a, b) => bestOf(b) - bestOf(a) || a.baseAlgorithm.localeCompare(b.baseAlgorithm));
}

const bestOf = (s: HorizonSeries) => Math.max(...s.steps.map((x) => (x.selected ?? x.best).score));
