// docs/scoring.md §3: held-out variants and the 4x filter.
import { describe, expect, test } from "vitest";
import { baseWorkloadOf, scorePool } from "../../../lib/scoring";
import { makePool } from "./pool-fixtures";

const exact = { integration: "exact" } as const;

describe("§3.2 which columns take part", () => {
  test("§3.2 with a held-out list, variants not on it are dropped", () => {
    // "w_extra" failed for a, but only "w_v" is held out.
    const pool = makePool(["w"], { a: { w: 10, w_v: 10, w_extra: Infinity }, b: { w: 20, w_v: 10, w_extra: 5 } }, ["w_v"]);
    const r = scorePool(pool);
    expect(r.cells.a!.w!.status).toBe("hit");
    expect(r.cells.a!.w!.ratio).toBe(1);
  });

  test("§3.2 with an empty held-out list, every non-base column present acts as a variant", () => {
    const pool = makePool(["w"], { a: { w: 10, w_extra: Infinity }, b: { w: 20, w_extra: 5 } });
    const r = scorePool(pool);
    expect(r.cells.a!.w).toMatchObject({ status: "variant_failed", variant: "w_extra", ratio: Infinity });
    expect(r.cells.b!.w).toMatchObject({ status: "hit", ratio: 1 });
  });

  test("§3.2 a listed held-out workload absent from every submission raises (upstream KeyError)", () => {
    const pool = makePool(["w"], { a: { w: 10 } }, ["w_v"]);
    expect(() => scorePool(pool)).toThrow(/"w_v".*no data in any submission/);
  });

  test("§3.6 a base workload absent from every submission raises (upstream KeyError)", () => {
    const pool = makePool(["w", "finewebedu_lm"], { a: { w: 10 } });
    expect(() => scorePool(pool)).toThrow(/"finewebedu_lm"/);
  });

  test("§3.2 a column counts as present when any submission has it, even as NaN", () => {
    const pool = makePool(["w", "x"], { a: { w: 10, x: NaN } });
    expect(scorePool(pool).cells.a!.x!.status).toBe("no_data");
  });
});

describe("§3.3 step A and the base of a variant", () => {
  test("§3.3 the base is the first base in list order that is a substring of the variant", () => {
    expect(baseWorkloadOf("ogbg_wmt_mix", ["wmt", "ogbg"])).toBe("wmt");
    expect(baseWorkloadOf("ogbg_wmt_mix", ["ogbg", "wmt"])).toBe("ogbg");
    expect(baseWorkloadOf("imagenet_resnet_large_bn_init", ["criteo1tb", "imagenet_resnet", "imagenet_vit"])).toBe("imagenet_resnet");
    expect(baseWorkloadOf("unrelated", ["wmt"])).toBeNull();
  });

  test("§3.3 a variant failure disqualifies the base chosen by list order", () => {
    const pool = makePool(["wmt", "ogbg"], { a: { wmt: 1, ogbg: 1, ogbg_wmt_mix: Infinity } }, ["ogbg_wmt_mix"]);
    const r = scorePool(pool);
    expect(r.cells.a!.wmt!.status).toBe("variant_failed");
    expect(r.cells.a!.ogbg!.status).toBe("hit");
  });

  test("§3.3 only submissions that trained the base define the best variant time", () => {
    // a failed the base, so its fast variant (1) is set to inf before the
    // 4x filter; b's variant (5) is then the best and survives. Without
    // step A, 5 > 4 * 1 would disqualify b.
    const pool = makePool(["w"], { a: { w: Infinity, w_v: 1 }, b: { w: 10, w_v: 5 } }, ["w_v"]);
    const r = scorePool(pool, exact);
    expect(r.cells.b!.w).toMatchObject({ status: "hit", ratio: 1 });
    expect(r.scores.b).toBe(1);
  });

  test("§3.3 a NaN base also voids the variant", () => {
    const pool = makePool(["w", "x"], { a: { x: 1, w_v: 1 }, b: { w: 10, x: 1, w_v: 5 } }, ["w_v"]);
    expect(scorePool(pool).cells.b!.w!.status).toBe("hit");
  });
});

describe("§3.4 step B, the 4x filter", () => {
  test("§3.4 a ratio of exactly 4 survives the 4x filter", () => {
    const r = scorePool(makePool(["w"], { a: { w: 10 }, b: { w: 40 } }), exact);
    expect(r.cells.b!.w).toMatchObject({ status: "hit", ratio: 4 });
    // rho_b = 1 only at tau = 4: zero area.
    expect(r.scores.b).toBe(0);
    expect(r.targetsHit.b).toBe(1);
  });

  test("§3.4 anything strictly above 4x becomes inf", () => {
    const r = scorePool(makePool(["w"], { a: { w: 10 }, b: { w: 40.000001 } }));
    expect(r.cells.b!.w).toMatchObject({ status: "over_4x", ratio: Infinity, time: 40.000001 });
    expect(r.targetsHit.b).toBe(0);
  });

  test("§3.4 the best skips NaN, and NaN stays NaN", () => {
    const r = scorePool(makePool(["w"], { a: { w: NaN }, b: { w: 10 }, c: { w: 30 } }));
    expect(r.cells.a!.w!.ratio).toBeNaN();
    expect(r.cells.a!.w!.status).toBe("no_data");
    expect(r.cells.c!.w!.ratio).toBe(3);
  });

  test("§3.4 the filter also applies to variants: a variant slower than 4x disqualifies the base", () => {
    const pool = makePool(["w"], { a: { w: 10, w_v: 10 }, b: { w: 11, w_v: 41 } }, ["w_v"]);
    const r = scorePool(pool);
    expect(r.cells.b!.w).toMatchObject({ status: "variant_failed", variant: "w_v" });
  });

  test("§3.4 the filter runs before step C: the best includes a submission a variant later disqualifies", () => {
    // a is fastest on w (1) but fails its variant; b at 5 > 4 * 1 is
    // already removed, so nobody is left on w.
    const pool = makePool(["w"], { a: { w: 1, w_v: Infinity }, b: { w: 5, w_v: 5 } }, ["w_v"]);
    const r = scorePool(pool);
    expect(r.cells.a!.w!.status).toBe("variant_failed");
    expect(r.cells.b!.w!.status).toBe("over_4x");
    expect(r.best.w).toBe(Infinity);
  });
});

describe("§3.5 step C", () => {
  test.each([
    ["failed (inf)", Infinity],
    ["missing (NaN, e.g. OOM)", NaN],
  ])("§3.5 a %s variant disqualifies the base", (_label, variantTime) => {
    const pool = makePool(["w"], { a: { w: 10, w_v: variantTime }, b: { w: 20, w_v: 20 } }, ["w_v"]);
    const r = scorePool(pool, exact);
    expect(r.cells.a!.w).toMatchObject({ status: "variant_failed", variant: "w_v", ratio: Infinity, time: 10 });
    // b is now the fastest remaining on w.
    expect(r.cells.b!.w!.ratio).toBe(1);
    expect(r.best.w).toBe(20);
  });

  test("§3.5 a variant absent from a submission's record is missing too", () => {
    const pool = makePool(["w"], { a: { w: 10 }, b: { w: 20, w_v: 20 } }, ["w_v"]);
    expect(scorePool(pool).cells.a!.w!.status).toBe("variant_failed");
  });

  test("§3.5 every variant of a base must pass; the first failing one is named", () => {
    const pool = makePool(["w"], { a: { w: 10, w_v1: 10, w_v2: Infinity, w_v3: Infinity }, b: { w: 10, w_v1: 10, w_v2: 10, w_v3: 10 } }, [
      "w_v1",
      "w_v2",
      "w_v3",
    ]);
    const r = scorePool(pool);
    expect(r.cells.a!.w).toMatchObject({ status: "variant_failed", variant: "w_v2" });
    expect(r.cells.b!.w!.status).toBe("hit");
  });
});

test("§3.6 only base columns are kept: N counts base workloads, variants get no cells", () => {
  const pool = makePool(["w", "x"], { a: { w: 1, x: 1, w_v: 1 } }, ["w_v"]);
  const r = scorePool(pool, exact);
  expect(r.workloads).toEqual(["w", "x"]);
  expect(Object.keys(r.cells.a!)).toEqual(["w", "x"]);
  expect(r.scores.a).toBe(1);
});
