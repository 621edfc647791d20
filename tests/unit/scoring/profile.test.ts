// docs/scoring.md §4: ratios, the tau grid and rho.
import { describe, expect, test } from "vitest";
import { linspace, scorePool, tauGrid } from "../../../lib/scoring";
import { makePool } from "./pool-fixtures";

describe("§4.1 ratios with DataFrame.update semantics", () => {
  test("§4.1 ratio = time / pool best", () => {
    const r = scorePool(makePool(["w"], { a: { w: 10 }, b: { w: 25 } }));
    expect(r.cells.a!.w!.ratio).toBe(1);
    expect(r.cells.b!.w!.ratio).toBe(2.5);
    expect(r.best.w).toBe(10);
  });

  test("§4.1 an all-inf column stays inf (inf/inf = NaN is not written back)", () => {
    const r = scorePool(makePool(["w", "x"], { a: { w: Infinity, x: 1 }, b: { w: Infinity, x: 2 } }));
    expect(r.cells.a!.w!.ratio).toBe(Infinity);
    expect(r.cells.b!.w!.ratio).toBe(Infinity);
    expect(r.best.w).toBe(Infinity);
  });

  test("§4.1 a NaN cell stays NaN and an all-NaN column has NaN best", () => {
    const r = scorePool(makePool(["w", "x"], { a: { w: NaN, x: 1 }, b: { x: 2 } }));
    expect(r.cells.a!.w!.ratio).toBeNaN();
    expect(r.best.w).toBeNaN();
    expect(r.profiles.a!.every((rho) => rho <= 0.5)).toBe(true);
  });

  test("§4.1 a pool minimum of 0: the 0 cell keeps ratio 0 and counts; positive times are gone", () => {
    const r = scorePool(makePool(["w"], { a: { w: 0 }, b: { w: 0.001 } }), { integration: "exact" });
    expect(r.cells.a!.w).toMatchObject({ ratio: 0, status: "hit" });
    expect(r.cells.b!.w!.ratio).toBe(Infinity);
    expect(r.profiles.a![0]).toBe(1);
    expect(r.scores.a).toBe(1);
    expect(r.scores.b).toBe(0);
  });
});

describe("§4.2 reference mode", () => {
  test("§4.2 ratios are against the reference and can be below 1", () => {
    const r = scorePool(makePool(["w"], { a: { w: 10 }, ref: { w: 20 } }), { reference: "ref" });
    expect(r.cells.a!.w!.ratio).toBe(0.5);
    expect(r.cells.ref!.w!.ratio).toBe(1);
    expect(r.settings.mode).toContain('reference "ref"');
  });

  test("§4.2 a workload the reference failed gives every finite time ratio 0, solved at every tau", () => {
    const r = scorePool(makePool(["w"], { a: { w: 10 }, b: { w: Infinity }, ref: { w: Infinity } }), { reference: "ref" });
    expect(r.cells.a!.w!.ratio).toBe(0);
    expect(r.profiles.a!.every((rho) => rho === 1)).toBe(true);
    expect(r.cells.b!.w!.ratio).toBe(Infinity);
  });

  test("§4.2 a NaN reference leaves raw times in place", () => {
    const r = scorePool(makePool(["w", "x"], { a: { w: 3.5, x: 1 }, ref: { x: 1 } }), { reference: "ref" });
    expect(r.cells.a!.w!.ratio).toBe(3.5);
  });

  test("§4.2 the 4x filter still uses the pool best, not the reference", () => {
    const r = scorePool(makePool(["w"], { fast: { w: 1 }, ref: { w: 3 }, c: { w: 5 } }), { reference: "ref" });
    // 5 / 3 < 4, but 5 > 4 * 1.
    expect(r.cells.c!.w).toMatchObject({ status: "over_4x", ratio: Infinity });
    expect(r.cells.fast!.w!.ratio).toBeCloseTo(1 / 3, 15);
  });

  test("§4.2 an unknown reference is an error", () => {
    expect(() => scorePool(makePool(["w"], { a: { w: 1 } }), { reference: "nobody" })).toThrow(/"nobody" is not in the pool/);
  });
});

describe("§4.3 tau grid", () => {
  test("§4.3 official grid: np.linspace(1, 4, 100) exactly", () => {
    const tau = linspace(1, 4, 100);
    expect(tau).toHaveLength(100);
    expect(tau[0]).toBe(1);
    expect(tau[1]).toBe(102 / 99);
    expect(tau[1]).toBe(1 * 0.030303030303030304 + 1);
    expect(tau[33]).toBe(2);
    expect(tau[66]).toBe(3);
    expect(tau[99]).toBe(4);
    for (let i = 0; i < 99; i++) expect(tau[i]).toBe(i * (3 / 99) + 1);
  });

  test("§4.3 the last point is set to max, not computed", () => {
    const step = (1.95 - 0.1) / 3;
    expect(3 * step + 0.1).toBe(1.9499999999999997);
    expect(linspace(0.1, 1.95, 4)).toEqual([0.1, step + 0.1, 2 * step + 0.1, 1.95]);
  });

  test("§4.3 log scale: np.logspace points, integration axis log10(points)", () => {
    const { tau, x } = tauGrid(1, 4, 3, "log");
    expect(tau[0]).toBe(1);
    expect(tau[1]).toBeCloseTo(2, 14);
    expect(tau[2]).toBeCloseTo(4, 14);
    expect(x[2]).toBeCloseTo(Math.log10(4), 15);
  });

  test("§4.3 log scale integrates over log10(tau): a ratio of 2 on [1, 4] scores 1/2, not 2/3", () => {
    const pool = makePool(["w"], { a: { w: 1 }, b: { w: 2 } });
    expect(scorePool(pool, { scale: "log", integration: "exact" }).scores.b).toBeCloseTo(0.5, 15);
    expect(scorePool(pool, { scale: "log", points: 20001 }).scores.b).toBeCloseTo(0.5, 4);
    expect(scorePool(pool, { scale: "linear", integration: "exact" }).scores.b).toBeCloseTo(2 / 3, 15);
  });

  test("§4.3 any other scale is an error", () => {
    expect(() => tauGrid(1, 4, 10, "cubic" as "log")).toThrow(/scale/);
    expect(() => scorePool(makePool(["w"], { a: { w: 1 } }), { scale: "cubic" as "log" })).toThrow(/scale/);
  });
});

describe("§4.4 maxTau null", () => {
  test("§4.4 maxTau null = the largest finite ratio", () => {
    const r = scorePool(makePool(["w", "x"], { a: { w: 10, x: Infinity }, b: { w: 25, x: 3 } }), { tauMax: null });
    expect(r.settings.tauMax).toBe(2.5);
    expect(r.tau[r.tau.length - 1]).toBe(2.5);
    expect(r.settings.mode).toContain("largest finite ratio");
  });

  test("§4.4 maxTau null with nothing finite resolves to -1", () => {
    const r = scorePool(makePool(["w"], { a: { w: Infinity } }), { tauMax: null });
    expect(r.settings.tauMax).toBe(-1);
  });

  test("§4.4 maxTau null can never exceed 4 because of the 4x filter", () => {
    const r = scorePool(makePool(["w"], { a: { w: 1 }, b: { w: 4 }, c: { w: 9 } }), { tauMax: null });
    expect(r.settings.tauMax).toBe(4);
  });
});

describe("§4.5 rho", () => {
  test("§4.5 the comparison is inclusive: a ratio equal to a grid point counts there", () => {
    const r = scorePool(makePool(["w"], { a: { w: 1 }, b: { w: 2 } }));
    expect(r.tau[33]).toBe(2);
    expect(r.profiles.b![32]).toBe(0);
    expect(r.profiles.b![33]).toBe(1);
  });

  test("§4.5 N is the number of base workloads: a workload nobody reached caps rho at (N-1)/N", () => {
    const r = scorePool(makePool(["w", "x", "y", "z"], { a: { w: 1, x: 1, y: 1, z: Infinity } }));
    expect(Math.max(...r.profiles.a!)).toBe(3 / 4);
  });

  test("§4.5 inf and NaN never count", () => {
    const r = scorePool(makePool(["w", "x", "y"], { a: { w: 1, x: Infinity, y: NaN }, b: { w: 2, x: 1, y: 1 } }));
    expect(new Set(r.profiles.a)).toEqual(new Set([1 / 3]));
  });

  test("§4.5 a max tau above 4 counts ratios up to 4 longer but never ratios above 4", () => {
    const pool = makePool(["w", "x"], { a: { w: 1, x: 1 }, b: { w: 4, x: 4.5 } });
    const r = scorePool(pool, { tauMax: 8, integration: "exact" });
    expect(r.cells.b!.x!.status).toBe("over_4x");
    expect(r.profiles.b![r.profiles.b!.length - 1]).toBe(0.5);
    // w counts from 4 to 8 of [1, 8]: (8 - 4) / 7, half weight.
    expect(r.scores.b).toBeCloseTo(4 / 7 / 2, 15);
  });
});
