// scorePool as a whole: cell statuses, derived tables, settings, and the
// pieces around it (pool compatibility, calibration metric, JSON).
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import {
  assertPoolCompatible,
  mixedPool,
  decodeNumber,
  encodeNumber,
  geometricMeanTime,
  OFFICIAL_SETTINGS,
  scorePool,
  stringifyScoring,
} from "../../../lib/scoring";
import { makePool } from "./pool-fixtures";

describe("cell statuses and derived tables", () => {
  const pool = makePool(
    ["w", "x", "y"],
    {
      a: { w: 10, x: 100, y: 7, y_v: 7 },
      b: { w: 41, x: Infinity, y: 5, y_v: Infinity },
      c: { w: 20, y: 6, y_v: 6 },
    },
    ["y_v"],
  );
  const r = scorePool(pool);

  test("each cell says why it counts or not", () => {
    expect(r.cells.a).toEqual({
      w: { time: 10, ratio: 1, status: "hit" },
      x: { time: 100, ratio: 1, status: "hit" },
      y: { time: 7, ratio: 7 / 6, status: "hit" },
    });
    expect(r.cells.b!.w).toEqual({ time: 41, ratio: Infinity, status: "over_4x" });
    expect(r.cells.b!.x).toEqual({ time: Infinity, ratio: Infinity, status: "not_reached" });
    expect(r.cells.b!.y).toEqual({ time: 5, ratio: Infinity, status: "variant_failed", variant: "y_v" });
    expect(r.cells.c!.x!.status).toBe("no_data");
    expect(r.cells.c!.x!.time).toBeNaN();
  });

  test("targets hit = base workloads with a finite time after the §3 rules", () => {
    expect(r.targetsHit).toEqual({ a: 3, b: 0, c: 2 });
  });

  test("best = pool minimum after the §3 rules, the official ratio denominator (§4.1)", () => {
    // b's 5 on y was disqualified, so 6 is the best.
    expect(r.best).toEqual({ w: 10, x: 100, y: 6 });
  });

  test("the result carries the resolved official settings and the tau grid", () => {
    expect(r.settings).toMatchObject({ ...OFFICIAL_SETTINGS, tauMax: 4 });
    expect(r.tau).toHaveLength(100);
    expect(r.workloads).toEqual(["w", "x", "y"]);
    expect(Object.keys(r.profiles)).toEqual(["a", "b", "c"]);
    expect(r.geometricMeanTime).toBeNull();
  });
});

describe("input and settings validation", () => {
  const ok = makePool(["w"], { a: { w: 1 } });

  test.each([
    [{ points: 1 }, /points/],
    [{ points: 10.5 }, /points/],
    [{ tauMax: 1 }, /tauMax/],
    [{ tauMax: Infinity }, /tauMax/],
    [{ tauMin: 0, scale: "log" as const }, /tauMin/],
    [{ integration: "simpson" as "exact" }, /integration/],
  ])("settings %o are rejected", (settings, message) => {
    expect(() => scorePool(ok, settings)).toThrow(message);
  });

  test("duplicate names, negative times and an empty base list are rejected", () => {
    expect(() =>
      scorePool({
        baseWorkloads: ["w"],
        heldOutWorkloads: [],
        submissions: [
          { name: "a", times: { w: 1 } },
          { name: "a", times: { w: 2 } },
        ],
      }),
    ).toThrow(/"a" appears twice/);
    expect(() => scorePool(makePool(["w"], { a: { w: -1 } }))).toThrow(/submission "a", workload "w": time -1/);
    expect(() => scorePool(makePool(["w"], { a: { w: -Infinity } }))).toThrow(/-Infinity/);
    expect(() => scorePool(makePool([], { a: { w: 1 } }))).toThrow(/base workload/);
  });

  test("an empty pool scores to empty tables", () => {
    const r = scorePool(makePool(["w"], {}, []), {});
    expect(r.scores).toEqual({});
    expect(r.ranking).toEqual([]);
  });
});

describe("pool compatibility", () => {
  const member = (name: string, workloads: string[], timeBasis: "seconds" | "budget_fraction" = "seconds") => ({
    name,
    workloads,
    timeBasis,
  });

  test("same workload set (in any order) and time basis is fine", () => {
    expect(() => assertPoolCompatible([member("a", ["w", "x"]), member("b", ["x", "w"])])).not.toThrow();
  });

  test("mixed time bases are refused, naming the members of each basis", () => {
    expect(() => assertPoolCompatible([member("a", ["w"]), member("b", ["w"], "budget_fraction"), member("c", ["w"])])).toThrow(
      /time bases.*seconds for "a", "c"; budget_fraction for "b"/,
    );
  });

  test("mixed workload sets are refused, naming the members of each set", () => {
    expect(() => assertPoolCompatible([member("a", ["w", "x"]), member("b", ["w"])])).toThrow(/workload sets.*\[w, x\] for "a"; \[w\] for "b"/);
  });

  test("long groups are abbreviated", () => {
    const many = Array.from({ length: 8 }, (_, i) => member(`s${i}`, ["w"]));
    expect(() => assertPoolCompatible([...many, member("odd", ["x"])])).toThrow(/and 3 more/);
  });

  test("mixed benchmark versions or reference hardware are refused, naming the members of each (docs/hosting-a-round.md)", () => {
    expect(() =>
      assertPoolCompatible([
        { ...member("a", ["w"]), version: "v0.5" },
        { ...member("b", ["w"]), version: "v0.6" },
      ]),
    ).toThrow(/different benchmark versions together: v0.5 for "a"; v0.6 for "b"/);
    expect(() =>
      assertPoolCompatible([
        { ...member("a", ["w"]), version: "v0.6", hardware: "8x V100" },
        { ...member("b", ["w"]), version: "v0.6", hardware: "4x A100" },
      ]),
    ).toThrow(/different reference hardware together: 8x V100 for "a"; 4x A100 for "b"/);
    expect(() =>
      assertPoolCompatible([
        { ...member("a", ["w"]), version: "v0.6", hardware: null },
        { ...member("b", ["w"]), version: "v0.6", hardware: null },
      ]),
    ).not.toThrow();
  });
});

describe("mixed pools (allowMixed, docs/hosting-a-round.md)", () => {
  const member = (name: string, workloads: string[], version: string, timeBasis: "seconds" | "budget_fraction" = "seconds") => ({
    name,
    workloads,
    timeBasis,
    version,
    hardware: null,
  });

  test("a compatible pool is not mixed", () => {
    expect(mixedPool([member("a", ["w", "x"], "v0.6"), member("b", ["x", "w"], "v0.6")], ["w", "x"])).toBeNull();
  });

  test("different versions and workload sets: scored on the workloads every round shares, in the round's order", () => {
    const m = mixedPool([member("a", ["w", "x", "y"], "v0.5"), member("b", ["x", "w", "z"], "v0.6")], ["x", "w", "y"]);
    expect(m).toEqual({
      reasons: [expect.stringMatching(/workload sets/), expect.stringMatching(/benchmark versions: v0.5 for "a"; v0.6 for "b"/)],
      sharedWorkloads: ["x", "w"],
      droppedWorkloads: ["y", "z"],
    });
  });

  test("mixed time bases stay refused; no shared workload is refused", () => {
    expect(() => mixedPool([member("a", ["w"], "v0.5"), member("b", ["w"], "v0.6", "budget_fraction")], ["w"])).toThrow(/time bases/);
    expect(() => mixedPool([member("a", ["w"], "v0.5"), member("b", ["x"], "v0.6")], ["w"])).toThrow(/shares no base workload/);
  });

  test("the engine on the shared workloads only: N is their count (§4.5)", () => {
    const m = mixedPool([member("a", ["w", "x"], "v0.5"), member("b", ["w"], "v0.6")], ["w", "x"])!;
    const r = scorePool(
      {
        baseWorkloads: m.sharedWorkloads,
        heldOutWorkloads: [],
        submissions: [
          { name: "a", times: { w: 1, x: 1 } },
          { name: "b", times: { w: 2 } },
        ],
      },
      {},
    );
    // a is the best on its one workload: rho = 1 over the whole grid, area 3, score 1.
    expect(r.scores.a).toBe(1);
    expect(r.workloads).toEqual(["w"]);
  });
});

describe("geometric-mean calibration metric (compute_speedups.py)", () => {
  test("misses are replaced by the caller's miss value (budget + 1 s)", () => {
    expect(geometricMeanTime({ w: 2, x: Infinity }, ["w", "x"], { w: 101, x: 8 })).toBeCloseTo(4, 14);
  });

  test("times before the §3 rules are used, variants are ignored, NaN stays NaN", () => {
    const pool = {
      ...makePool(["w", "x"], { a: { w: 1, x: 4, x_v: Infinity }, b: { w: 9, x: Infinity } }, ["x_v"]),
      missValues: { w: 100, x: 16 },
    };
    const r = scorePool(pool);
    // a: x was disqualified by its variant, but the raw 4 is used: sqrt(1 * 4).
    expect(r.geometricMeanTime!.a).toBeCloseTo(2, 14);
    // b: 9 was removed by the 4x filter but counts; x missed: sqrt(9 * 16).
    expect(r.geometricMeanTime!.b).toBeCloseTo(12, 14);
    expect(geometricMeanTime({ w: 1 }, ["w", "x"], { w: 2, x: 2 })).toBeNaN();
  });

  test("a base workload without a miss value is an error", () => {
    expect(() => geometricMeanTime({ w: 1 }, ["w"], {})).toThrow(/"w"/);
  });
});

describe("JSON with non-finite numbers", () => {
  test("encode / decode round-trip", () => {
    for (const x of [0, 1.5, Infinity, -Infinity]) expect(decodeNumber(encodeNumber(x))).toBe(x);
    expect(decodeNumber(encodeNumber(NaN))).toBeNaN();
    expect([Infinity, -Infinity, NaN].map(encodeNumber)).toEqual(["inf", "-inf", "nan"]);
    expect(() => decodeNumber("Infinity")).toThrow(/"Infinity"/);
  });

  test("stringifyScoring writes inf / nan strings where JSON.stringify would write null", () => {
    expect(stringifyScoring({ a: [1, Infinity, NaN], b: { c: -Infinity } })).toBe('{"a":[1,"inf","nan"],"b":{"c":"-inf"}}');
  });
});

test("a submission no faster than the pool best anywhere leaves the others' scores unchanged", () => {
  const time = fc.oneof(fc.constant(Infinity), fc.constant(NaN), fc.double({ min: 0.5, max: 10, noNaN: true }));
  const row = fc.record({ w: time, x: time, y: time });
  fc.assert(
    fc.property(fc.array(row, { minLength: 2, maxLength: 6 }), fc.double({ min: 1, max: 20, noNaN: true }), (rows, factor) => {
      const subs = Object.fromEntries(rows.map((t, i) => [`s${i}`, t]));
      const before = scorePool(makePool(["w", "x", "y"], subs));
      // The newcomer is slower than the best on every workload.
      const slow = Object.fromEntries(["w", "x", "y"].map((w) => [w, Number.isFinite(before.best[w]!) ? before.best[w]! * factor : Infinity]));
      const after = scorePool(makePool(["w", "x", "y"], { ...subs, newcomer: slow }));
      for (const name of Object.keys(subs)) expect(after.scores[name]).toBe(before.scores[name]);
    }),
    { numRuns: 200 },
  );
});
