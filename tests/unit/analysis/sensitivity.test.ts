// Pool sensitivity (lib/scoring/analysis/sensitivity.ts): "without X" is the
// pool minus X rescored; the paper's Appendix F is the Schedule-Free case.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { scorePool } from "../../../lib/scoring";
import { compareWithAndWithout, leaveOneOut } from "../../../lib/scoring/analysis";
import { loadRound } from "../scoring/published-data";
import { poolFromRound } from "../../../lib/scoring";
import { makePool } from "../scoring/pool-fixtures";
import { naiveRanks, naiveScores, without, type Times } from "./naive-score";
import { appendixE, paper, paperPool, scheduleFree } from "./paper-pool";

const WORKLOADS = ["a", "b", "c", "d"];
/** 2 to 5 submissions; times from a small set so that ties and the 4x rule happen, sometimes not reached. */
const randomTimes: fc.Arbitrary<Times> = fc
  .array(
    fc.tuple(
      ...WORKLOADS.map(() =>
        fc.oneof({ weight: 6, arbitrary: fc.constantFrom(10, 12, 15, 20, 30, 39, 41, 50, 80) }, { weight: 1, arbitrary: fc.constant(Infinity) }),
      ),
    ),
    { minLength: 2, maxLength: 5 },
  )
  .map((rows) => Object.fromEntries(rows.map((r, i) => [`s${i}`, Object.fromEntries(WORKLOADS.map((w, j) => [w, r[j]!]))])));

/**
 * Ranks (of some members, ranked among all of `scores`) agree with the naive
 * scores' order wherever those differ by more than rounding; with no near-ties
 * they are exactly naiveRanks.
 */
function expectSameOrder(ranks: Record<string, number>, scores: Record<string, number>): void {
  const names = Object.keys(ranks);
  for (const a of names)
    for (const b of names) if (scores[a]! > scores[b]! + 1e-9) expect(ranks[a], `${a} (${scores[a]}) before ${b} (${scores[b]})`).toBeLessThan(ranks[b]!);
  const all = Object.values(scores);
  const clear = all.every((x, i) => all.every((y, j) => i === j || Math.abs(x - y) > 1e-9 || x === y));
  const expected = naiveRanks(scores);
  if (clear) expect(ranks).toEqual(Object.fromEntries(names.map((n) => [n, expected[n]])));
}

describe("with and without X", () => {
  test("Appendix F: Schedule-Free joins the 36-row pool; the without column is Appendix E (exact integration, within 0.001)", () => {
    const pool37 = paperPool([...appendixE, scheduleFree]);
    const r = compareWithAndWithout(pool37, scheduleFree.display_name, { integration: "exact" });
    const appendixF = new Map(paper.appendix_f_with_schedule_free.rows.map((row) => [row.appendix_e_row ?? row.display_name, row.score]));
    const e = scorePool(paperPool(), { integration: "exact" });
    expect(r.rows).toHaveLength(36);
    for (const row of r.rows) {
      expect(row.scoreWithout, row.name).toBe(e.scores[row.name]);
      const published = appendixE.find((x) => x.display_name === row.name)!.score;
      expect(Math.abs(row.scoreWithout - published), row.name).toBeLessThanOrEqual(0.001);
      if (appendixF.has(row.name)) expect(Math.abs(row.scoreWith - appendixF.get(row.name)!), row.name).toBeLessThanOrEqual(0.001);
    }
    expect(Math.abs(r.scoreWith - scheduleFree.score)).toBeLessThanOrEqual(0.001);
    const adamw = r.rows.find((x) => x.name === "AdamW 33% 1")!;
    expect([adamw.scoreWithout.toFixed(3), adamw.scoreWith.toFixed(3)]).toEqual(["0.498", "0.478"]);
    // Schedule-Free is the best on several workloads, so everyone else loses score.
    expect(r.rows.every((x) => x.delta >= 0)).toBe(true);
    expect(r.summary.maxAbsDelta).toBeGreaterThan(0.01);
  });

  test("a hand-computed pool of three: X's removal moves Y and Z by the amounts worked out on paper", () => {
    // Times (seconds) on workloads a, b, c; bests with X: a 100, b 100, c 300; without X: a 150.
    // With X:    X ratios 1, 2, 1   -> (3 + 2 + 3) / 3 / 3 = 8/9
    //            Y ratios 1.5, 1, - -> (2.5 + 3) / 9     = 5.5/9
    //            Z ratios 5 (over 4x: dropped), 1.5, 1 -> (2.5 + 3) / 9 = 5.5/9
    // Without X: Y ratios 1, 1, -   -> 6/9;  Z ratios 10/3, 1.5, 1 -> (2/3 + 2.5 + 3) / 9 = 37/54
    const pool = makePool(["a", "b", "c"], { X: { a: 100, b: 200, c: 300 }, Y: { a: 150, b: 100, c: Infinity }, Z: { a: 500, b: 150, c: 300 } });
    const r = compareWithAndWithout(pool, "X", { integration: "exact" });
    const row = (name: string) => r.rows.find((x) => x.name === name)!;
    expect(r.scoreWith).toBeCloseTo(8 / 9, 12);
    expect(row("Y").scoreWith).toBeCloseTo(5.5 / 9, 12);
    expect(row("Z").scoreWith).toBeCloseTo(5.5 / 9, 12);
    expect(row("Y").scoreWithout).toBeCloseTo(6 / 9, 12);
    expect(row("Z").scoreWithout).toBeCloseTo(37 / 54, 12);
    expect(row("Y").delta).toBeCloseTo(0.5 / 9, 12);
    expect(row("Z").delta).toBeCloseTo(37 / 54 - 5.5 / 9, 12);
    // Y and Z tie at rank 2 with X; without X, Z (37/54) is ahead of Y (36/54): Z gains a place among the others.
    expect([row("Y").rankWith, row("Z").rankWith, row("Y").rankWithout, row("Z").rankWithout]).toEqual([2, 2, 2, 1]);
    expect([row("Y").rankShift, row("Z").rankShift]).toEqual([-1, 0]);
  });

  test("on random pools, the with/without columns equal a naive second implementation (tests/unit/analysis/naive-score.ts)", () => {
    fc.assert(
      fc.property(randomTimes, (times) => {
        const pool = makePool(WORKLOADS, times);
        const names = Object.keys(times);
        for (const x of names) {
          const r = compareWithAndWithout(pool, x, { integration: "exact" });
          const withX = naiveScores(times, WORKLOADS);
          const withoutX = naiveScores(without(times, x), WORKLOADS);
          expect(r.scoreWith).toBeCloseTo(withX[x]!, 12);
          expect(r.rows.map((row) => row.name).sort()).toEqual(names.filter((n) => n !== x).sort());
          for (const row of r.rows) {
            expect(row.scoreWith, `${x}: ${row.name}`).toBeCloseTo(withX[row.name]!, 12);
            expect(row.scoreWithout, `${x}: ${row.name}`).toBeCloseTo(withoutX[row.name]!, 12);
            expect(row.delta).toBeCloseTo(withoutX[row.name]! - withX[row.name]!, 12);
          }
          expectSameOrder(Object.fromEntries(r.rows.map((row) => [row.name, row.rankWithout])), withoutX);
          expectSameOrder(Object.fromEntries(r.rows.map((row) => [row.name, row.rankWith])), withX);
        }
      }),
      { numRuns: 200, seed: 20_261_129 },
    );
  });

  test("the reference of reference mode cannot leave the pool", () => {
    const pool = poolFromRound(loadRound("v0.6", "external"));
    expect(() => compareWithAndWithout(pool, "baseline", { reference: "baseline" })).toThrow(/reference/);
    const loo = leaveOneOut(pool, { reference: "baseline" });
    expect(loo.rows.find((r) => r.name === "baseline")!.error).toMatch(/reference/);
    expect(loo.rows.find((r) => r.name === "shampoo")!.error).toBeNull();
  });
});

describe("leave-one-out", () => {
  test("mean and max |change| and the ranking equal a naive second implementation, on random pools", () => {
    fc.assert(
      fc.property(randomTimes, (times) => {
        const full = naiveScores(times, WORKLOADS);
        const { rows } = leaveOneOut(makePool(WORKLOADS, times), { integration: "exact" });
        for (const row of rows) {
          const w = naiveScores(without(times, row.name), WORKLOADS);
          const deltas = Object.keys(w).map((n) => Math.abs(w[n]! - full[n]!));
          expect(row.meanAbsDelta, row.name).toBeCloseTo(deltas.length ? deltas.reduce((a, b) => a + b, 0) / deltas.length : 0, 12);
          expect(row.maxAbsDelta, row.name).toBeCloseTo(deltas.length ? Math.max(...deltas) : 0, 12);
        }
        expectSameOrder(Object.fromEntries(rows.map((r) => [r.name, r.rank])), full);
      }),
      { numRuns: 200, seed: 20_261_129 },
    );
  });

  test("in the paper's pool (no variants) only members that set a best time move anyone (docs/scoring.md §4.1: ratios to the pool best)", () => {
    const { rows } = leaveOneOut(paperPool(), { integration: "exact" });
    for (const row of rows) {
      if (row.fastestOn.length === 0) {
        expect(row.maxAbsDelta, row.name).toBe(0);
        expect(row.orderChanges, row.name).toBe(0);
      }
    }
    expect(rows.some((r) => r.maxAbsDelta > 0)).toBe(true);
  });
});
