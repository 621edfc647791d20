// Pool sensitivity: every score is relative to the pool's best times
// (docs/scoring.md §3.4, §4.1), so one member can move everyone else's score.
import { scorePool } from "../pool";
import type { PoolInput, ResolvedSettings, ScoreResult, ScoreSettings } from "../types";
import { ranksOf } from "./ranks";

/** The pool without one member (the rest keep their order). */
export function poolWithout(input: PoolInput, name: string): PoolInput {
  if (!input.submissions.some((s) => s.name === name)) throw new Error(`"${name}" is not in the pool`);
  return { ...input, submissions: input.submissions.filter((s) => s.name !== name) };
}

export interface ShiftRow {
  name: string;
  scoreWith: number;
  /** Competition rank in the pool with the subject (the subject takes part). */
  rankWith: number;
  scoreWithout: number;
  rankWithout: number;
  /** scoreWithout - scoreWith. */
  delta: number;
  /**
   * Places gained when the subject leaves, beyond the mechanical shift:
   * rank among the other members in the pool with the subject, minus the
   * rank without it. Non-zero only when the order of the others changes.
   */
  rankShift: number;
}

export interface ShiftSummary {
  /** Mean and max of |delta| over the other members (0 when there are none). */
  meanAbsDelta: number;
  maxAbsDelta: number;
  /** The member with the largest |delta| (first in ranking order on ties), null when none moved. */
  maxAbsDeltaName: string | null;
  /** Number of other members whose rank among the others changes. */
  orderChanges: number;
  maxRankShift: number;
}

export interface PoolComparison {
  subject: string;
  settings: ResolvedSettings;
  scoreWith: number;
  rankWith: number;
  /** The other members, in ranking order with the subject. */
  rows: ShiftRow[];
  summary: ShiftSummary;
}

/**
 * Scores of every other member with and without `subject` (Appendix F of the
 * paper for any subject): `input` is the pool WITH the subject; "without" is
 * exactly scorePool of the same pool minus the subject.
 *
 * @throws Error when the subject is not in the pool or is the reference of
 *   reference mode (§4.2), or when the pool without it cannot be scored.
 */
export function compareWithAndWithout(input: PoolInput, subject: string, settings: Partial<ScoreSettings> = {}): PoolComparison {
  if (settings.reference === subject) throw new Error(`"${subject}" is the reference of the ratios (docs/scoring.md §4.2) and cannot leave the pool`);
  const withResult = scorePool(input, settings);
  const withoutResult = scorePool(poolWithout(input, subject), settings);
  return comparison(
    withResult,
    withoutResult,
    subject,
    input.submissions.map((s) => s.name),
  );
}

function comparison(withResult: ScoreResult, withoutResult: ScoreResult, subject: string, names: readonly string[]): PoolComparison {
  const others = names.filter((n) => n !== subject);
  const rankWith = ranksOf(withResult.scores, names);
  const amongOthers = ranksOf(withResult.scores, others);
  const rankWithout = ranksOf(withoutResult.scores, others);
  const order = withResult.ranking.filter((n) => n !== subject);
  const rows = order.map((name): ShiftRow => ({
    name,
    scoreWith: withResult.scores[name]!,
    rankWith: rankWith[name]!,
    scoreWithout: withoutResult.scores[name]!,
    rankWithout: rankWithout[name]!,
    delta: withoutResult.scores[name]! - withResult.scores[name]!,
    rankShift: amongOthers[name]! - rankWithout[name]!,
  }));
  return { subject, settings: withResult.settings, scoreWith: withResult.scores[subject]!, rankWith: rankWith[subject]!, rows, summary: summarise(rows) };
}

function summarise(rows: readonly ShiftRow[]): ShiftSummary {
  let sum = 0;
  let max = 0;
  let maxName: string | null = null;
  let orderChanges = 0;
  let maxRankShift = 0;
  for (const r of rows) {
    const d = Math.abs(r.delta);
    // NaN deltas (NaN scores of a zero-width tau range) are not movements.
    if (Number.isNaN(d)) continue;
    sum += d;
    if (d > max) {
      max = d;
      maxName = r.name;
    }
    if (r.rankShift !== 0) orderChanges++;
    maxRankShift = Math.max(maxRankShift, Math.abs(r.rankShift));
  }
  return { meanAbsDelta: rows.length ? sum / rows.length : 0, maxAbsDelta: max, maxAbsDeltaName: maxName, orderChanges, maxRankShift };
}

export interface LeaveOneOutRow extends ShiftSummary {
  name: string;
  score: number;
  rank: number;
  /** Base workloads on which it sets the pool's best time (the ratio denominator, §4.1). */
  fastestOn: string[];
  /** Why the pool without it could not be scored (e.g. it is the reference), else null. */
  error: string | null;
}

/**
 * For every member X: how much the others' scores and order change when X
 * leaves the pool (compareWithAndWithout for each X). Rows in ranking order.
 */
export function leaveOneOut(input: PoolInput, settings: Partial<ScoreSettings> = {}): { settings: ResolvedSettings; rows: LeaveOneOutRow[] } {
  const full = scorePool(input, settings);
  const names = input.submissions.map((s) => s.name);
  const ranks = ranksOf(full.scores, names);
  const rows = full.ranking.map((name): LeaveOneOutRow => {
    const fastestOn = full.workloads.filter((w) => full.cells[name]![w]!.status === "hit" && full.cells[name]![w]!.time === full.best[w]);
    const base = { name, score: full.scores[name]!, rank: ranks[name]!, fastestOn };
    try {
      if (settings.reference === name) throw new Error(`the reference of the ratios (docs/scoring.md §4.2) cannot leave the pool`);
      const without = scorePool(poolWithout(input, name), settings);
      return { ...base, ...comparison(full, without, name, names).summary, error: null };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ...base, meanAbsDelta: NaN, maxAbsDelta: NaN, maxAbsDeltaName: null, orderChanges: 0, maxRankShift: 0, error: message };
    }
  });
  return { settings: full.settings, rows };
}
