// Regression on the three published AlgoPerf rounds (docs/scoring.md §1–§5 as a
// whole), and the two tie quirks of §2.2 that the published numbers depend on.
import { describe, expect, test } from "vitest";
import { poolFromRound, scorePool } from "../../../lib/scoring";
import type { RoundTrial } from "../../../lib/scoring";
import { loadRound, loadRounds, type PublishedRound } from "./published-data";

function mapTrials(round: PublishedRound, f: (trials: RoundTrial[]) => RoundTrial[]): PublishedRound {
  const copy = structuredClone(round);
  for (const directories of Object.values(copy.submissions)) {
    for (const studies of Object.values(directories)) {
      for (const [study, trials] of Object.entries(studies)) {
        (studies as Record<string, RoundTrial[]>)[study] = f([...trials]);
      }
    }
  }
  return copy;
}

describe("published AlgoPerf leaderboards", () => {
  for (const round of loadRounds()) {
    const label = `${round.benchmark_version} ${round.ruleset}`;

    test(`${label}: every score equals the official code's full-precision score within 1e-12`, () => {
      const result = scorePool(poolFromRound(round));
      const names = Object.keys(round.official_code_scores_full_precision);
      expect(Object.keys(result.scores).sort()).toEqual(names.sort());
      for (const name of names) {
        expect(Math.abs(result.scores[name]! - round.official_code_scores_full_precision[name]!)).toBeLessThanOrEqual(1e-12);
      }
    });

    test(`${label}: every score rounds to the published 4-decimal score, and the ranking follows it`, () => {
      const result = scorePool(poolFromRound(round));
      for (const [name, published] of Object.entries(round.published_scores)) {
        expect(Number(result.scores[name]!.toFixed(4))).toBe(published);
      }
      const publishedOrder = Object.entries(round.published_scores)
        .sort((a, b) => b[1] - a[1])
        .map(([n]) => n);
      expect(result.ranking).toEqual(publishedOrder);
    });
  }

  test("§2.2 listing order decides index ties: ascending trial order gives v0.6 Baseline 0.4716, not 0.4590", () => {
    const round = loadRound("v0.6", "external");
    const trialNumber = (t: RoundTrial) => Number(t.trial.replace("trial_", ""));
    const sorted = mapTrials(round, (trials) => trials.sort((a, b) => trialNumber(a) - trialNumber(b)));
    expect(scorePool(poolFromRound(round)).scores.baseline).toBeCloseTo(0.459, 4);
    expect(scorePool(poolFromRound(sorted)).scores.baseline).toBeCloseTo(0.4716, 4);
  });

  test("§2.2 smallest first-hit index, not smallest time: min-time selection gives v0.5 LAWA EMA 0.3434, not 0.3384", () => {
    const round = loadRound("v0.5", "external");
    // Without eval indices our extension falls back to the smallest time.
    const byTime = mapTrials(round, (trials) => trials.map((t) => ({ ...t, hit_index: null })));
    expect(scorePool(poolFromRound(round)).scores.lawa_ema).toBeCloseTo(0.3384, 4);
    expect(scorePool(poolFromRound(byTime)).scores.lawa_ema).toBeCloseTo(0.3434, 4);
  });
});
