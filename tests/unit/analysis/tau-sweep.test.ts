// Tau sensitivity (lib/scoring/analysis/tau-sweep.ts), against hand-computed
// cases and a deliberately naive second implementation of the score
// (tests/unit/analysis/naive-score.ts), not against lib/scoring itself.
import fc from "fast-check";
import { expect, test } from "vitest";
import { sweepTaus, tauSweep } from "../../../lib/scoring/analysis";
import { makePool } from "../scoring/pool-fixtures";
import { naiveRanks, naiveScores, type Times } from "./naive-score";

test("the default sweep is 1.25, 1.5, ..., 4 (np.linspace)", () => {
  expect(sweepTaus(1.25, 4, 12)).toEqual(Array.from({ length: 12 }, (_, i) => 1.25 + 0.25 * i));
});

test("a hand-computed pool: scores, ranks and leaders at tauMax 2 and 4", () => {
  // Ratios to the best (see sensitivity.test.ts): X 1, 2, 1; Y 1.5, 1, (not reached); Z 5 (> 4x: dropped), 1.5, 1.
  // tauMax 2: X (1 + 0 + 1) / 3 / 1 = 2/3, Y (0.5 + 1) / 3 = 1/2, Z (0.5 + 1) / 3 = 1/2.
  // tauMax 4: X 8/9, Y 5.5/9, Z 5.5/9.
  const pool = makePool(["a", "b", "c"], { X: { a: 100, b: 200, c: 300 }, Y: { a: 150, b: 100, c: Infinity }, Z: { a: 500, b: 150, c: 300 } });
  const sweep = tauSweep(pool, { integration: "exact" }, [2, 4]);
  const series = Object.fromEntries(sweep.series.map((s) => [s.name, s]));
  expect(series.X!.scores[0]).toBeCloseTo(2 / 3, 12);
  expect(series.Y!.scores[0]).toBeCloseTo(1 / 2, 12);
  expect(series.Z!.scores[0]).toBeCloseTo(1 / 2, 12);
  expect(series.X!.scores[1]).toBeCloseTo(8 / 9, 12);
  expect(series.Y!.scores[1]).toBeCloseTo(5.5 / 9, 12);
  expect(series.Z!.scores[1]).toBeCloseTo(5.5 / 9, 12);
  expect(sweep.series.map((s) => [s.name, s.ranks])).toEqual([
    ["X", [1, 1]],
    ["Y", [2, 2]],
    ["Z", [2, 2]],
  ]);
  expect(sweep.leaders).toEqual([["X"], ["X"]]);
  expect(sweep.rankingChanges).toBe(0);
});

test("a crossing by hand: A is ahead at small tauMax, B at large, and the sweep counts one change", () => {
  // Bests: w1 10 (A), w2 10 (B), w3 10 (C). Ratios: A 1, 1.2, (not reached); B 2, 1, 3; C 4, 4, 1.
  // tauMax 1.25: A (0.25 + 0.05) / 3 / 0.25 = 0.4;  B (0 + 0.25 + 0) / 3 / 0.25 = 1/3  -> A ahead.
  // tauMax 4:    A (3 + 2.8) / 3 / 3 = 5.8/9;       B (2 + 3 + 1) / 3 / 3 = 6/9       -> B ahead.
  const pool = makePool(["w1", "w2", "w3"], { A: { w1: 10, w2: 12, w3: Infinity }, B: { w1: 20, w2: 10, w3: 30 }, C: { w1: 40, w2: 40, w3: 10 } });
  const sweep = tauSweep(pool, { integration: "exact" }, [1.25, 4]);
  const series = Object.fromEntries(sweep.series.map((s) => [s.name, s]));
  expect(series.A!.scores[0]).toBeCloseTo(0.4, 12);
  expect(series.B!.scores[0]).toBeCloseTo(1 / 3, 12);
  expect(series.A!.scores[1]).toBeCloseTo(5.8 / 9, 12);
  expect(series.B!.scores[1]).toBeCloseTo(6 / 9, 12);
  expect(series.A!.ranks[0]).toBeLessThan(series.B!.ranks[0]!);
  expect(series.B!.ranks[1]).toBeLessThan(series.A!.ranks[1]!);
  expect(sweep.rankingChanges).toBe(1);
});

const WORKLOADS = ["a", "b", "c", "d"];
const randomTimes: fc.Arbitrary<Times> = fc
  .array(
    fc.tuple(
      ...WORKLOADS.map(() =>
        fc.oneof({ weight: 6, arbitrary: fc.constantFrom(10, 12, 15, 20, 30, 39, 41, 50, 80) }, { weight: 1, arbitrary: fc.constant(Infinity) }),
      ),
    ),
    { minLength: 1, maxLength: 5 },
  )
  .map((rows) => Object.fromEntries(rows.map((r, i) => [`s${i}`, Object.fromEntries(WORKLOADS.map((w, j) => [w, r[j]!]))])));

test("on random pools, every tauMax of the sweep: scores and ranks of a naive second implementation; leaders and ranking changes follow", () => {
  const taus = sweepTaus(1.25, 4, 12);
  fc.assert(
    fc.property(randomTimes, (times) => {
      const sweep = tauSweep(makePool(WORKLOADS, times), { integration: "exact" }, taus);
      const expected = taus.map((t) => naiveScores(times, WORKLOADS, t));
      taus.forEach((t, i) => {
        for (const s of sweep.series) expect(s.scores[i], `${s.name} @ ${t}`).toBeCloseTo(expected[i]![s.name]!, 12);
        const all = Object.values(expected[i]!);
        const nearTie = all.some((x, j) => all.some((y, k) => j !== k && x !== y && Math.abs(x - y) <= 1e-9));
        if (!nearTie) {
          const ranks = naiveRanks(expected[i]!);
          for (const s of sweep.series) expect(s.ranks[i], `${s.name} @ ${t}`).toBe(ranks[s.name]);
          expect(sweep.leaders[i]!.sort()).toEqual(
            Object.keys(ranks)
              .filter((n) => ranks[n] === 1)
              .sort(),
          );
        }
      });
      for (const s of sweep.series) {
        expect(s.bestRank).toBe(Math.min(...s.ranks));
        expect(s.worstRank).toBe(Math.max(...s.ranks));
      }
    }),
    { numRuns: 200, seed: 20_261_129 },
  );
});
