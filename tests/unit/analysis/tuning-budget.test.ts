// Expected best-of-k (docs/analysis-tuning.md) against brute force over every
// k-subset, and the score at tuning budget k against the published round.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { bestTrialIndex, poolFromRound, scorePool, studyTime, type TrialHit } from "../../../lib/scoring";
import { expectedBestOfK, scoreAtBudget, timesAtBudget, trialPoolFromRound, tuningView } from "../../../lib/scoring/analysis";
import { loadRound } from "../scoring/published-data";

/** Every k-subset of 0..n-1, in listing order (independent of the estimator). */
function subsets(n: number, k: number): number[][] {
  if (k === 0) return [[]];
  if (n < k) return [];
  const withLast = subsets(n - 1, k - 1).map((s) => [...s, n - 1]);
  return [...subsets(n - 1, k), ...withLast];
}

/** Brute force: the official best of each k-subset (bestTrialIndex), averaged. */
function bruteForce(trials: readonly TrialHit[], k: number) {
  const all = subsets(trials.length, Math.min(k, trials.length));
  const bests = all.map((s) => studyTime(s.map((i) => trials[i]!)));
  const hits = bests.filter((b) => b !== Infinity);
  const mean = hits.reduce((a, b) => a + b, 0) / hits.length;
  return {
    expected: hits.length === bests.length ? mean : Infinity,
    hitProbability: hits.length / bests.length,
    expectedGivenHit: hits.length ? mean : Infinity,
  };
}

// Small index and time ranges so that ties (same index, same time) are frequent.
const hit = fc.record({ hitIndex: fc.integer({ min: 0, max: 4 }), hitTime: fc.integer({ min: 1, max: 6 }).map((t) => t * 100.5) });
const miss = fc.constant({ hitIndex: null, hitTime: null });
const withIndex = fc.array(fc.oneof(hit, miss), { minLength: 1, maxLength: 7 });
// Our extension: no eval index at all, times decide.
const withoutIndex = withIndex.map((ts) => ts.map((t) => ({ hitIndex: null, hitTime: t.hitTime })));

function close(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
}

describe("expectedBestOfK", () => {
  test("equals the mean over every k-subset of the official best (ties and misses included)", () => {
    fc.assert(
      fc.property(fc.oneof(withIndex, withoutIndex), fc.integer({ min: 1, max: 8 }), (trials, k) => {
        const got = expectedBestOfK(trials, k);
        const want = bruteForce(trials, k);
        expect(close(got.expected, want.expected)).toBe(true);
        expect(close(got.hitProbability, want.hitProbability)).toBe(true);
        expect(close(got.expectedGivenHit, want.expectedGivenHit)).toBe(true);
      }),
      { numRuns: 500, seed: 17 },
    );
  });

  test("k = trials is the official study time, bit for bit", () => {
    fc.assert(
      fc.property(withIndex, (trials) => {
        expect(expectedBestOfK(trials, trials.length).expected).toBe(studyTime(trials));
        const best = bestTrialIndex(trials);
        expect(expectedBestOfK(trials, trials.length).hitProbability).toBe(best < 0 ? 0 : 1);
      }),
      { numRuns: 300, seed: 18 },
    );
  });

  test("the order key is non-increasing in k: the eval index, or the time for index-less studies", () => {
    fc.assert(
      fc.property(fc.oneof(withIndex, withoutIndex), (trials) => {
        for (let k = 1; k < trials.length; k++) {
          const a = expectedBestOfK(trials, k);
          const b = expectedBestOfK(trials, k + 1);
          const key = (r: typeof a) => r.expectedHitIndex ?? r.expected;
          expect(key(b) <= key(a) * (1 + 1e-12)).toBe(true);
          // Without indices ties are never decided against the faster trial, so the time is monotone too.
          if (a.expectedHitIndex === null) expect(b.expected <= a.expected * (1 + 1e-12)).toBe(true);
        }
      }),
      { numRuns: 300, seed: 19 },
    );
  });

  test("the time itself can rise with k, by the §2.2 order: equal indices, the later trial faster", () => {
    const trials = [
      { hitIndex: 0, hitTime: 201 },
      { hitIndex: 0, hitTime: 100.5 },
    ];
    expect(expectedBestOfK(trials, 1).expected).toBe((201 + 100.5) / 2);
    expect(expectedBestOfK(trials, 2).expected).toBe(201);
  });

  test("the tie rule: equal indices go to the earlier listed trial, not the faster one", () => {
    const trials = [
      { hitIndex: 3, hitTime: 500 },
      { hitIndex: 3, hitTime: 100 },
      { hitIndex: null, hitTime: null },
    ];
    // k = 2: {0,1} → 500 (trial 0 listed first), {0,2} → 500, {1,2} → 100.
    expect(expectedBestOfK(trials, 2).expected).toBeCloseTo((500 + 500 + 100) / 3, 10);
    // k = 1: the miss is drawn with probability 1/3.
    const one = expectedBestOfK(trials, 1);
    expect(one.expected).toBe(Infinity);
    expect(one.hitProbability).toBeCloseTo(2 / 3, 15);
    expect(one.expectedGivenHit).toBe(300);
  });

  test("rejects k < 1 and empty studies", () => {
    expect(() => expectedBestOfK([{ hitIndex: 0, hitTime: 1 }], 0)).toThrow(/k must be an integer >= 1/);
    expect(() => expectedBestOfK([], 1)).toThrow(/at least one trial/);
  });
});

describe("score at tuning budget k on the published v0.5 external round", () => {
  const round = loadRound("v0.5", "external");
  const input = trialPoolFromRound(round);

  test("k = 5 (the round's trials) equals the official score within 1e-12", () => {
    const result = scoreAtBudget(input, 5);
    for (const [name, official] of Object.entries(round.official_code_scores_full_precision)) {
      expect(Math.abs(result.scores[name]! - official)).toBeLessThanOrEqual(1e-12);
    }
    expect(result.scores).toEqual(scorePool(poolFromRound(round)).scores);
  });

  test("every member's workload eval index is non-increasing in k on every workload; the time only where §2.2 picks a slower trial", () => {
    const rises: string[] = [];
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1]!;
    for (const member of input.members) {
      for (const [w, studies] of Object.entries(member.studies)) {
        for (let k = 1; k < 5; k++) {
          const a = studies.map((s) => expectedBestOfK(s, k).expectedHitIndex!);
          const b = studies.map((s) => expectedBestOfK(s, k + 1).expectedHitIndex!);
          expect(median(b) <= median(a) * (1 + 1e-12), `${member.name} ${w} k=${k + 1}`).toBe(true);
          if (timesAtBudget(member, k + 1).times[w]! > timesAtBudget(member, k).times[w]! * (1 + 1e-12)) {
            rises.push(`${member.name} ${w} k=${k + 1}`);
            // Only the §2.2 order can make the time rise: some study has a hit that
            // comes first by index (or by listing on an index tie) but is slower.
            const orderAgainstTime = studies.some((s) =>
              s.some((t, i) =>
                s.some(
                  (u, j) =>
                    t.hitIndex !== null && u.hitIndex !== null && (t.hitIndex < u.hitIndex || (t.hitIndex === u.hitIndex && i < j)) && u.hitTime! < t.hitTime!,
                ),
              ),
            );
            expect(orderAgainstTime, `${member.name} ${w} k=${k + 1}`).toBe(true);
          }
        }
      }
    }
    // Found on this round: cyclic_lr ogbg_model_size and wmt_glu_tanh (k=5),
    // generalized_adam ogbg_model_size (k=5), lawa_ema wmt (k=4).
    expect(rises).toHaveLength(4);
  });

  test("the view: last k is the official score; the baseline answer is consistent with its own scores", () => {
    const view = tuningView(input, {}, "baseline");
    expect(view.ks).toEqual([1, 2, 3, 4, 5]);
    for (const s of view.series) {
      expect(s.scores[4]).toBe(scorePool(poolFromRound(round)).scores[s.name]);
    }
    expect(view.answers).toHaveLength(input.members.length - 1);
    for (const a of view.answers) {
      const first = a.referenceScores.findIndex((r, i) => r > a.scores[i]!);
      expect(a.smallestK).toBe(first < 0 ? null : first + 1);
      // At k = 5 nobody is restricted: the official pool.
      expect(a.scores[4]).toBe(scorePool(poolFromRound(round)).scores[a.name]);
    }
  });

  test("an unknown reference is an error", () => {
    expect(() => tuningView(input, {}, "nobody")).toThrow(/"nobody" is not in the pool/);
  });
});
