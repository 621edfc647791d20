// The tuning-budget view of a pool: score vs k per member, per-workload
// curves with the interval over studies, and "from which k does the
// reference, restricted to k trials, beat each member at its full budget?"
// (docs/analysis-tuning.md).
import { numpyMedian } from "../aggregate";
import { scorePool } from "../pool";
import type { ResolvedSettings, ScoreSettings } from "../types";
import { expectedBestOfK, poolAtBudget, trialBudget, type TrialMember, type TrialPoolInput } from "./tuning-budget";

export interface WorkloadCurve {
  workload: string;
  /** Per k = 1..budget: median over studies of the expected best of k (the workload time at k). */
  median: number[];
  /** Per k: smallest and largest study value (the interval over studies). */
  low: number[];
  high: number[];
  /** Per k: mean over studies of P(a k-subset hits). */
  hitProbability: number[];
  /**
   * Per k: median over studies of the expected first-hit eval index of the trial
   * the official rule picks (docs/scoring.md §2.2 picks by eval index). Unlike
   * `median` (a time) it never rises with k; +inf when some k-subset of a median
   * study misses, null when a study's trials carry no eval index.
   */
  expectedEvalIndex: (number | null)[];
}

export interface TuningSeries {
  name: string;
  /** Trials per study at full budget (largest study). */
  budget: number;
  /** Score at k = 1..maxBudget (k beyond the member's budget = its full budget). */
  scores: number[];
  curves: WorkloadCurve[];
}

export interface ReferenceAnswer {
  name: string;
  /** The member's score at full budget in the pool where the reference runs k trials, per k. */
  scores: number[];
  /** The reference's score restricted to k trials in that pool, per k. */
  referenceScores: number[];
  /** Smallest k with referenceScores[k-1] > scores[k-1]; null = no k does. */
  smallestK: number | null;
}

export interface TuningView {
  settings: ResolvedSettings;
  /** 1..the largest budget of the pool. */
  ks: number[];
  series: TuningSeries[];
  reference: string | null;
  answers: ReferenceAnswer[];
}

function workloadCurves(member: TrialMember, ks: readonly number[]): WorkloadCurve[] {
  return Object.entries(member.studies).map(([workload, all]) => {
    const studies = all.filter((s) => s.length > 0);
    const curve: WorkloadCurve = { workload, median: [], low: [], high: [], hitProbability: [], expectedEvalIndex: [] };
    for (const k of ks) {
      const values = studies.map((s) => expectedBestOfK(s, k));
      const expected = values.map((v) => v.expected);
      curve.median.push(numpyMedian(expected));
      curve.low.push(expected.length ? Math.min(...expected) : NaN);
      curve.high.push(expected.length ? Math.max(...expected) : NaN);
      const p = values.reduce((sum, v) => sum + v.hitProbability, 0);
      curve.hitProbability.push(values.length ? p / values.length : NaN);
      const indices = values.map((v) => v.expectedHitIndex);
      curve.expectedEvalIndex.push(indices.some((i) => i === null) ? null : numpyMedian(indices as number[]));
    }
    return curve;
  });
}

/**
 * Scores the pool at every tuning budget k = 1..largest budget (every member
 * restricted to min(k, its trials)), and, with a reference, the pools where
 * only the reference is restricted to k.
 * @throws Error when the reference is not a member (and scorePool's errors).
 */
export function tuningView(input: TrialPoolInput, settings: Partial<ScoreSettings> = {}, reference: string | null = null): TuningView {
  if (reference !== null && !input.members.some((m) => m.name === reference)) {
    throw new Error(`reference submission "${reference}" is not in the pool`);
  }
  const maxBudget = Math.max(1, ...input.members.map(trialBudget));
  const ks = Array.from({ length: maxBudget }, (_, i) => i + 1);
  const results = ks.map((k) =>
    scorePool(
      poolAtBudget(input, () => k),
      settings,
    ),
  );
  const series = input.members.map((m) => ({
    name: m.name,
    budget: trialBudget(m),
    scores: results.map((r) => r.scores[m.name]!),
    curves: workloadCurves(m, ks),
  }));
  const answers: ReferenceAnswer[] = [];
  if (reference !== null) {
    const restricted = ks.map((k) =>
      scorePool(
        poolAtBudget(input, (name) => (name === reference ? k : null)),
        settings,
      ),
    );
    for (const m of input.members) {
      if (m.name === reference) continue;
      const scores = restricted.map((r) => r.scores[m.name]!);
      const referenceScores = restricted.map((r) => r.scores[reference]!);
      const at = ks.findIndex((_, i) => referenceScores[i]! > scores[i]!);
      answers.push({ name: m.name, scores, referenceScores, smallestK: at < 0 ? null : ks[at]! });
    }
  }
  return { settings: results[results.length - 1]!.settings, ks, series, reference, answers };
}
