// docs/scoring.md §5: the benchmark score, and our exact integration mode.
import { describe, expect, test } from "vitest";
import { scorePool } from "../../../lib/scoring";
import { pairwiseSum, sequentialSum } from "../../../lib/scoring/numpy-sum";
import { makePool } from "./pool-fixtures";

const EIGHT = ["w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8"];

/** A submission fastest (time 1) on the first k of the 8 workloads, not reaching the others. */
function fastestOn(k: number): Record<string, number> {
  return Object.fromEntries(EIGHT.map((w, i) => [w, i < k ? 1 : Infinity]));
}

describe("§5.1 normalisation", () => {
  test("§5.1 fastest on all N workloads scores 1.0", () => {
    expect(scorePool(makePool(EIGHT, { a: fastestOn(8) })).scores.a).toBe(1);
  });

  test("§5.1 the area is divided by (max - min) of the tau axis", () => {
    // rho = 1/2 on [1, tauMax]: area 0.5 * (tauMax - 1), normalised to 0.5.
    const pool = makePool(["w", "x"], { a: { w: 1, x: Infinity } });
    expect(scorePool(pool, { tauMax: 2, points: 3 }).scores.a).toBe(0.5);
    expect(scorePool(pool, { tauMax: 3, points: 5 }).scores.a).toBe(0.5);
    // Grid 0.5, 1, ..., 3: rho is 0 at 0.5, so the first cell holds a
    // triangle (0 + 0.5) / 2 * 0.5; the other four cells 0.5 * 0.5 each.
    expect(scorePool(pool, { tauMin: 0.5, tauMax: 3, points: 6 }).scores.a).toBe((0.125 + 1) / 2.5);
  });
});

describe("§5.2 trapezoid terms", () => {
  test("§5.2 a step inside a grid cell is integrated as a trapezoid", () => {
    // ratio 2.01 lies between tau_33 = 2 and tau_34; rho is 0 up to tau_33, 1 from tau_34.
    const r = scorePool(makePool(["w"], { a: { w: 1 }, b: { w: 2.01 } }));
    const step = 3 / 99;
    const tau34 = 34 * step + 1;
    expect(r.scores.b).toBeCloseTo((4 - tau34 + step / 2) / 3, 14);
  });

  test("§5.5 a jump exactly on a grid point loses half a cell against the exact area", () => {
    const pool = makePool(["w"], { a: { w: 1 }, b: { w: 2 } });
    const trapezoid = scorePool(pool).scores.b!;
    const exactArea = scorePool(pool, { integration: "exact" }).scores.b!;
    expect(exactArea).toBeCloseTo(2 / 3, 15);
    expect(trapezoid - exactArea).toBeCloseTo(3 / 99 / 2 / 3, 14);
  });
});

describe("§5.3 summation order", () => {
  test("§5.3 a lone submission sums pairwise: 6 of 8 workloads gives 0.7499999999999997", () => {
    expect(scorePool(makePool(EIGHT, { a: fastestOn(6) })).scores.a).toBe(0.7499999999999997);
  });

  test("§5.3 in a pool of 2 the same profile sums left to right: 0.7499999999999991", () => {
    const r = scorePool(makePool(EIGHT, { a: fastestOn(6), b: fastestOn(0) }));
    expect(r.scores.a).toBe(0.7499999999999991);
  });

  test("§5.3 numpy's other single-vs-pool pairs (values from numpy 1.24)", () => {
    const single = (k: number) => scorePool(makePool(EIGHT, { a: fastestOn(k) })).scores.a;
    const pooled = (k: number) => scorePool(makePool(EIGHT, { a: fastestOn(k), b: fastestOn(0) })).scores.a;
    expect([3, 5, 7].map(single)).toEqual([0.37499999999999983, 0.6250000000000001, 0.875]);
    expect([3, 5, 7].map(pooled)).toEqual([0.37499999999999956, 0.6250000000000014, 0.8749999999999979]);
  });

  test("§5.3 pairwise sum: 8 accumulators up to 128 terms, split above (np.add.reduce of 0.1s)", () => {
    const tenths = (n: number) => new Array<number>(n).fill(0.1);
    expect(pairwiseSum(tenths(7))).toBe(0.7);
    expect(pairwiseSum(tenths(8))).toBe(0.8);
    expect(pairwiseSum(tenths(100))).toBe(9.999999999999998);
    expect(pairwiseSum(tenths(129))).toBe(12.899999999999999);
    expect(pairwiseSum(tenths(200))).toBe(20);
    expect(pairwiseSum(tenths(1000))).toBe(100.00000000000001);
    expect(sequentialSum(tenths(8))).toBe(0.7999999999999999);
    expect(sequentialSum(tenths(1000))).toBe(99.9999999999986);
  });
});

describe("§5.4 ranking", () => {
  test("§5.4 by score, descending; ties keep pool order", () => {
    const r = scorePool(
      makePool(["w", "x"], {
        slow: { w: 3, x: Infinity },
        tieA: { w: 1, x: Infinity },
        best: { w: 1, x: 1 },
        tieB: { w: 1, x: Infinity },
      }),
    );
    expect(r.ranking).toEqual(["best", "tieA", "tieB", "slow"]);
  });

  test("§5.4 NaN scores (empty tau range from maxTau null) rank last", () => {
    // All ratios 1 → maxTau null resolves to 1 = tauMin: zero width, 0/0.
    const r = scorePool(makePool(["w"], { a: { w: 1 }, b: { w: 1 } }), { tauMax: null });
    expect(r.scores.a).toBeNaN();
    expect(r.ranking).toEqual(["a", "b"]);
  });
});

describe("exact integration (ours)", () => {
  test("exact: a ratio r on [1, 4] contributes (4 - r) / 3 / N", () => {
    const r = scorePool(makePool(["w", "x"], { a: { w: 1, x: 2 }, b: { w: 2.5, x: 1 } }), { integration: "exact" });
    expect(r.scores.a).toBeCloseTo((3 + 2) / 3 / 2, 15);
    expect(r.scores.b).toBeCloseTo((1.5 + 3) / 3 / 2, 15);
  });

  test("exact is the limit of the trapezoid rule on ever finer grids", () => {
    const pool = makePool(["w", "x", "y"], { a: { w: 1, x: 2.2, y: 3.7 }, b: { w: 1.3, x: 1, y: 1 } });
    const exact = scorePool(pool, { integration: "exact" }).scores;
    const fine = scorePool(pool, { points: 300_001 }).scores;
    expect(fine.a).toBeCloseTo(exact.a!, 5);
    expect(fine.b).toBeCloseTo(exact.b!, 5);
  });

  test("exact: reference-mode ratios below tauMin count over the whole range", () => {
    const r = scorePool(makePool(["w"], { a: { w: 1 }, ref: { w: 4 } }), { integration: "exact", reference: "ref" });
    expect(r.cells.a!.w!.ratio).toBe(0.25);
    expect(r.scores.a).toBe(1);
  });

  test("every result names its integration mode and grid", () => {
    expect(scorePool(makePool(["w"], { a: { w: 1 } })).settings.mode).toBe(
      "official trapezoid over the 100-point linear grid, tau in [1, 4], ratios to the pool best",
    );
    const exact = scorePool(makePool(["w"], { a: { w: 1 } }), { integration: "exact", scale: "log", points: 50 });
    expect(exact.settings.mode).toMatch(/^exact area under the step profile.*log10 axis.*50-point log grid/);
    expect(scorePool(makePool(["w"], { a: { w: 1 } }), { points: 1000 }).settings.mode).not.toMatch(/official/);
  });
});
