// What a result cost in tuning trials: the expected best time-to-target of a
// study when only k of its trials are run, and the benchmark score at tuning
// budget k (docs/analysis-tuning.md). The estimator is the expected-maximum
// form of Dodge et al. 2019 ("Show Your Work"), turned into an expected
// minimum, with the official best-trial order (docs/scoring.md §2.2).
import { numpyMedian } from "../aggregate";
import { scorePool } from "../pool";
import type { PoolInput, ScoreResult, ScoreSettings, SubmissionTimes } from "../types";
import type { TrialHit } from "../time-to-target";
import { workloadFromDirectory, type RoundTrials } from "../from-trials";

/** Expected best of a k-subset of one study. */
export interface BestOfK {
  /** Trials actually drawn: min(k, trials in the study). */
  k: number;
  /**
   * E[best time of a uniformly drawn k-subset] with a miss as +inf: +inf as
   * soon as one k-subset misses entirely (the definition).
   */
  expected: number;
  /** P(the k-subset contains a trial that hits). */
  hitProbability: number;
  /** E[best time | the k-subset hits]; +inf when no trial of the study hits. */
  expectedGivenHit: number;
  /**
   * E[first-hit eval index of the subset's best], +inf as `expected`; null
   * when the study is ordered by time (index-less hits). This, not the time,
   * is what is non-increasing in k: the best is chosen by index (§2.2), and
   * two trials with the same index can have different times.
   */
  expectedHitIndex: number | null;
}

/** Binomial coefficient C(n, r) as a double; exact for the small n of a study (n <= 50). */
export function binomial(n: number, r: number): number {
  if (r < 0 || r > n) return 0;
  let c = 1;
  const m = Math.min(r, n - r);
  // c stays an integer after each step: C(n-m+i, i) = C(n-m+i-1, i-1) * (n-m+i) / i.
  for (let i = 1; i <= m; i++) c = (c * (n - m + i)) / i;
  return c;
}

/**
 * Trial order of the official best-trial rule (docs/scoring.md §2.2): hits by
 * smallest first-hit eval index, ties to the earlier listed trial, misses
 * last. The best trial of any subset is the first of that subset in this
 * order. Our index-less extension (aggregate.ts bestTrialIndex: times instead
 * of indices when a hitting trial has no index) is decided on the whole
 * study and then applies to every subset.
 */
export function bestTrialOrder(trials: readonly TrialHit[]): number[] {
  const byTime = trials.some((t) => t.hitTime !== null && t.hitIndex === null);
  const key = (t: TrialHit) => (t.hitTime === null ? Infinity : byTime ? t.hitTime : t.hitIndex!);
  return trials.map((_, i) => i).sort((a, b) => key(trials[a]!) - key(trials[b]!) || a - b);
}

/**
 * Expected best time-to-target of a uniformly drawn k-subset of a study,
 * exactly over all C(n, k) subsets: the i-th trial of bestTrialOrder (1-based)
 * is the subset's best with probability C(n-i, k-1) / C(n, k).
 * k >= n gives the whole study, i.e. studyTime (docs/scoring.md §2.2).
 * @throws RangeError when k is not an integer >= 1 or the study is empty.
 */
export function expectedBestOfK(trials: readonly TrialHit[], k: number): BestOfK {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be an integer >= 1, got ${k}`);
  const n = trials.length;
  if (n === 0) throw new RangeError("a study needs at least one trial");
  const draw = Math.min(k, n);
  const order = bestTrialOrder(trials);
  const byIndex = !trials.some((t) => t.hitTime !== null && t.hitIndex === null);
  const total = binomial(n, draw);
  let hitProbability = 0;
  let weighted = 0;
  let weightedIndex = 0;
  for (let i = 1; i <= n; i++) {
    const t = trials[order[i - 1]!]!;
    if (t.hitTime === null) break; // misses come last
    const ways = binomial(n - i, draw - 1);
    if (ways === 0) break; // later trials are never the best of a draw-subset
    const p = ways / total;
    hitProbability += p;
    weighted += p * t.hitTime;
    if (byIndex) weightedIndex += p * t.hitIndex!;
  }
  // When every subset hits the probabilities sum to 1 mathematically; use 1
  // exactly so that k = n gives the official study time bit for bit.
  const allHit = hitCount(trials) > n - draw;
  if (allHit) hitProbability = 1;
  const expectedGivenHit = hitProbability > 0 ? weighted / hitProbability : Infinity;
  return {
    k: draw,
    expected: allHit ? weighted : Infinity,
    hitProbability,
    expectedGivenHit,
    expectedHitIndex: byIndex ? (allHit ? weightedIndex : Infinity) : null,
  };
}

function hitCount(trials: readonly TrialHit[]): number {
  let h = 0;
  for (const t of trials) if (t.hitTime !== null) h++;
  return h;
}

/** A pool member with every trial of every study, per workload (base or variant). */
export interface TrialMember {
  name: string;
  /** workload → studies → trials in listing order. */
  studies: Readonly<Record<string, readonly (readonly TrialHit[])[]>>;
}

export interface TrialPoolInput {
  baseWorkloads: readonly string[];
  heldOutWorkloads: readonly string[];
  members: readonly TrialMember[];
}

/** The trials of a round in the shape of data/published/algoperf_leaderboards.json. */
export function trialPoolFromRound(round: RoundTrials): TrialPoolInput {
  return {
    baseWorkloads: round.base_workloads,
    heldOutWorkloads: round.held_out_workloads,
    members: Object.entries(round.submissions).map(([name, directories]) => {
      const studies: Record<string, TrialHit[][]> = {};
      for (const [directory, byStudy] of Object.entries(directories)) {
        studies[workloadFromDirectory(directory)] = Object.values(byStudy)
          .filter((trials) => trials.length > 0)
          .map((trials) => trials.map((t) => ({ hitIndex: t.hit_index, hitTime: t.hit_time })));
      }
      return { name, studies };
    }),
  };
}

/** Largest number of trials of any study of the member (its full budget). */
export function trialBudget(member: TrialMember): number {
  let k = 0;
  for (const studies of Object.values(member.studies)) for (const s of studies) k = Math.max(k, s.length);
  return k;
}

/**
 * Per-workload time of a member at tuning budget k: the median over studies
 * (docs/scoring.md §2.3, np.median semantics) of each study's expected best of
 * min(k, its trials). k = null is the full budget (the official time).
 */
export function timesAtBudget(member: TrialMember, k: number | null): SubmissionTimes {
  const times: Record<string, number> = {};
  for (const [workload, studies] of Object.entries(member.studies)) {
    times[workload] = numpyMedian(studies.filter((s) => s.length > 0).map((s) => expectedBestOfK(s, k ?? s.length).expected));
  }
  return { name: member.name, times };
}

/**
 * The pool at tuning budget k: every member whose budget (in `budgets`)
 * is a number restricted to that many trials per study, null = full budget.
 */
export function poolAtBudget(input: TrialPoolInput, budgets: (name: string) => number | null): PoolInput {
  return {
    baseWorkloads: input.baseWorkloads,
    heldOutWorkloads: input.heldOutWorkloads,
    submissions: input.members.map((m) => timesAtBudget(m, budgets(m.name))),
  };
}

/**
 * Score at tuning budget k (docs/analysis-tuning.md): every member's
 * per-study time is its expected best of min(k, trials), the median over
 * studies its workload time, and scorePool scores that pool with `settings`.
 * At k >= every study's trials this is the round's score exactly.
 */
export function scoreAtBudget(input: TrialPoolInput, k: number, settings: Partial<ScoreSettings> = {}): ScoreResult {
  return scorePool(
    poolAtBudget(input, () => k),
    settings,
  );
}
