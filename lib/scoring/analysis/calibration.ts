// The paper's calibration view: which configurations a search would pick by
// its selection metric, next to the targets they hit and the pool scores.
import type { ScoreResult } from "../types";
import { byAlgorithmAndHorizon, type Configuration } from "./configurations";
import { ranksOf } from "./ranks";

export interface CalibrationRow {
  name: string;
  baseAlgorithm: string | null;
  horizon: number | null;
  searchRank: number | null;
  selected: boolean;
  /** The selection metric: geometric mean time-to-target, misses replaced (ScoreResult.geometricMeanTime). */
  geometricMeanTime: number;
  /** Base workloads whose target was reached at all (raw times, before the §3 rules, like the metric). */
  targetsReached: number;
  /** Base workloads that count in the score (after the held-out and 4x rules). */
  targetsHit: number;
  score: number;
  /** Competition rank of the score in the pool. */
  rank: number;
  /** Position by the selection metric within its algorithm x horizon (1 = would be picked). */
  groupRank: number;
  inTopK: boolean;
}

export interface CalibrationGroup {
  baseAlgorithm: string | null;
  horizon: number | null;
  /** Members by the selection metric. */
  members: string[];
  /** The first k of them. */
  top: string[];
  /** The configuration marked as selected (the paper's Table 6), or null. */
  selected: string | null;
  /** Whether the selection metric's pick is the marked one (null when none is marked). */
  agrees: boolean | null;
  maxTargetsReached: number;
}

export interface CalibrationAlgorithm {
  baseAlgorithm: string;
  configurations: number;
  /** Most targets any of its configurations reached (the paper's Appendix D asks this per algorithm). */
  maxTargetsReached: number;
}

export interface CalibrationView {
  k: number;
  /** Every configuration, by the selection metric (smallest first). */
  rows: CalibrationRow[];
  groups: CalibrationGroup[];
  algorithms: CalibrationAlgorithm[];
}

/**
 * Orders configurations by the paper's selection metric: the geometric mean
 * of time-to-target over the base workloads with misses replaced, as
 * compute_speedups.py does (geometricMeanTime; smaller is better); ties go
 * to more targets reached, then pool order. Lists the top k of every
 * algorithm x horizon, as the paper's Appendix C (top-3 baseline candidates)
 * and E do, and the most targets reached per algorithm (Appendix D).
 *
 * @param result a ScoreResult computed with missValues.
 * @throws Error when `result` has no geometric means or k < 1.
 */
export function calibrationView(result: ScoreResult, configurations: readonly Configuration[], k: number): CalibrationView {
  const gmean = result.geometricMeanTime;
  if (!gmean) throw new Error("the calibration view needs geometric-mean times: score the pool with missValues");
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be an integer >= 1, got ${k}`);
  const names = Object.keys(result.scores);
  const ranks = ranksOf(result.scores, names);
  const members = configurations.filter((c) => c.name in result.scores);
  const position = new Map(members.map((c, i) => [c.name, i]));
  const reached = (name: string) => result.workloads.filter((w) => !["not_reached", "no_data"].includes(result.cells[name]![w]!.status)).length;
  const metric = (name: string) => (Number.isNaN(gmean[name]!) ? Infinity : gmean[name]!);
  const bySelection = (a: Configuration, b: Configuration) =>
    metric(a.name) - metric(b.name) || reached(b.name) - reached(a.name) || position.get(a.name)! - position.get(b.name)!;

  const groupRank = new Map<string, number>();
  const groups: CalibrationGroup[] = byAlgorithmAndHorizon(members).map((g) => {
    const ordered = [...g.members].sort(bySelection);
    ordered.forEach((c, i) => groupRank.set(c.name, i + 1));
    const selected = g.members.find((c) => c.selected)?.name ?? null;
    return {
      baseAlgorithm: g.baseAlgorithm,
      horizon: g.horizon,
      members: ordered.map((c) => c.name),
      top: ordered.slice(0, k).map((c) => c.name),
      selected,
      agrees: selected === null ? null : ordered[0]!.name === selected,
      maxTargetsReached: Math.max(...g.members.map((c) => reached(c.name))),
    };
  });

  const rows = [...members].sort(bySelection).map((c): CalibrationRow => ({
    name: c.name,
    baseAlgorithm: c.baseAlgorithm,
    horizon: c.horizon,
    searchRank: c.searchRank,
    selected: c.selected,
    geometricMeanTime: gmean[c.name]!,
    targetsReached: reached(c.name),
    targetsHit: result.targetsHit[c.name]!,
    score: result.scores[c.name]!,
    rank: ranks[c.name]!,
    groupRank: groupRank.get(c.name)!,
    inTopK: groupRank.get(c.name)! <= k,
  }));

  const algorithms = new Map<string, CalibrationAlgorithm>();
  for (const r of rows) {
    if (r.baseAlgorithm === null) continue;
    const a = algorithms.get(r.baseAlgorithm) ?? { baseAlgorithm: r.baseAlgorithm, configurations: 0, maxTargetsReached: 0 };
    a.configurations++;
    a.maxTargetsReached = Math.max(a.maxTargetsReached, r.targetsReached);
    algorithms.set(r.baseAlgorithm, a);
  }
  return {
    k,
    rows,
    groups,
    algorithms: [...algorithms.values()].sort((a, b) => b.maxTargetsReached - a.maxTargetsReached || a.baseAlgorithm.localeCompare(b.baseAlgorithm)),
  };
}
