// Geometric-mean speedups (lib/scoring/analysis/speedup.ts) against the
// official scoring/compute_speedups.py, whose values were computed once from the
// published per-trial results (tests/fixtures/speedups/README.md).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { headToHead, resampledMedians, speedupMatrix } from "../../../lib/scoring/analysis/speedup";
import { studyPoolFromRound } from "../../../lib/scoring/analysis";
import { loadRound } from "../scoring/published-data";

interface Reference {
  rounds: Record<string, { self_tuning_ruleset: boolean; speedups: Record<string, Record<string, number | null>> }>;
}
const reference = JSON.parse(readFileSync(fileURLToPath(new URL("../../fixtures/speedups/reference.json", import.meta.url)), "utf8")) as Reference;

function published(ruleset: "external" | "self-tuning") {
  const round = loadRound("v0.5", ruleset) as ReturnType<typeof loadRound> & { workload_specs: Record<string, { budget: number }> };
  const pool = studyPoolFromRound(round);
  // The budgets of the round (v0.5 = compute_speedups.py's MAX_BUDGETS), x3 for self-tuning, + 1 s.
  const factor = ruleset === "self-tuning" ? 3 : 1;
  const miss = Object.fromEntries(pool.baseWorkloads.map((w) => [w, round.workload_specs[w]!.budget * factor + 1]));
  return { pool, miss };
}

describe("geometric-mean speedup = compute_speedups.py", () => {
  for (const ruleset of ["external", "self-tuning"] as const) {
    test(`every ordered pair of the published v0.5 ${ruleset} round`, () => {
      const { pool, miss } = published(ruleset);
      const table = reference.rounds[`algoperf-v0.5-${ruleset}`]!.speedups;
      const byName = new Map(pool.submissions.map((s) => [s.name, s]));
      let pairs = 0;
      for (const [base, row] of Object.entries(table)) {
        for (const [comparison, expected] of Object.entries(row)) {
          // base = A, comparison = B: gmean(time_B / time_A).
          const got = headToHead(byName.get(base)!.times, byName.get(comparison)!.times, pool.baseWorkloads, miss).speedup;
          if (expected === null) expect(got, `${base} vs ${comparison}`).toBeNaN();
          else expect(Math.abs(got - expected) / expected, `${base} vs ${comparison}`).toBeLessThanOrEqual(1e-14);
          pairs++;
        }
      }
      expect(pairs).toBe(byName.size * (byName.size - 1));
    });
  }

  test("symmetric: speedup(b, a) = 1 / speedup(a, b)", () => {
    const { pool, miss } = published("external");
    const subs = pool.submissions;
    for (const a of subs) {
      for (const b of subs) {
        const ab = headToHead(a.times, b.times, pool.baseWorkloads, miss).speedup;
        const ba = headToHead(b.times, a.times, pool.baseWorkloads, miss).speedup;
        if (Number.isNaN(ab)) expect(ba).toBeNaN();
        else expect(Math.abs(ba * ab - 1)).toBeLessThanOrEqual(1e-14);
      }
    }
  });

  test("a workload both missed counts as ratio 1 (budget + 1 s on both sides), as compute_speedups.py does", () => {
    const base = ["w1", "w2"];
    const miss = { w1: 101, w2: 11 };
    const r = headToHead({ w1: Infinity, w2: 4 }, { w1: Infinity, w2: 16 }, base, miss);
    expect(r.workloads[0]).toMatchObject({ aCounted: 101, bCounted: 101, ratio: 1, winner: "tie", counted: true });
    // gmean(1, 4) = 2.
    expect(r.speedup).toBeCloseTo(2, 14);
    expect([r.wins, r.losses, r.ties]).toEqual([1, 0, 1]);
    // On the published round, a pair that both missed some workload: the reference counts it (ratio 1),
    // and leaving it out instead would not give the reference's value.
    const { pool, miss: budgets } = published("external");
    const table = reference.rounds["algoperf-v0.5-external"]!.speedups;
    let checked = 0;
    for (const a of pool.submissions) {
      for (const b of pool.submissions) {
        const expected = table[a.name]?.[b.name];
        const both = pool.baseWorkloads.filter((w) => a.times[w] === Infinity && b.times[w] === Infinity);
        if (a === b || both.length === 0 || expected === null || expected === undefined) continue;
        expect(Math.abs(headToHead(a.times, b.times, pool.baseWorkloads, budgets).speedup - expected)).toBeLessThanOrEqual(1e-14);
        const without = pool.baseWorkloads.filter((w) => !both.includes(w));
        expect(Math.abs(headToHead(a.times, b.times, without, budgets).speedup - expected)).toBeGreaterThan(1e-6);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  test("a workload neither side has data for is left out; one side without data gives NaN", () => {
    const miss = { w1: 101, w2: 11 };
    expect(headToHead({ w2: 2 }, { w2: 8 }, ["w1", "w2"], miss).speedup).toBeCloseTo(4, 14);
    expect(headToHead({ w1: 1, w2: 2 }, { w2: 8 }, ["w1", "w2"], miss).speedup).toBeNaN();
  });
});

describe("paired bootstrap of the speedup", () => {
  test("deterministic for a seed; another seed moves the interval; the interval contains the point speedup", () => {
    const { pool, miss } = published("external");
    const members = pool.submissions.filter((s) => ["baseline", "shampoo_submission", "nadamp"].includes(s.name));
    const opts = { seed: 3, resamples: 300, level: 0.95 };
    const a = speedupMatrix(members, pool.baseWorkloads, miss, opts);
    expect(speedupMatrix(members, pool.baseWorkloads, miss, opts)).toEqual(a);
    const b = speedupMatrix(members, pool.baseWorkloads, miss, { ...opts, seed: 4 });
    expect(b.pairs[0]![1]!.interval).not.toEqual(a.pairs[0]![1]!.interval);
    for (const row of a.pairs) {
      for (const p of row) {
        if (p.a === p.b) continue;
        expect(p.interval![0]).toBeLessThanOrEqual(p.interval![1]);
        expect(p.aFaster).toBeGreaterThanOrEqual(0);
        expect(p.aFaster).toBeLessThanOrEqual(1);
      }
    }
  });

  test("uses the uncertainty view's draws: the same per-cell medians for the same seed", () => {
    const medians = resampledMedians(1, "x", "w", [1, 2, 3, 4, 5], 50)!;
    expect(resampledMedians(1, "x", "w", [1, 2, 3, 4, 5], 50)).toEqual(medians);
    expect(resampledMedians(1, "x", "w", [7], 50)).toBeNull();
    // Only the study values can come out (odd count: the median is one of them).
    for (const m of medians) expect([1, 2, 3, 4, 5]).toContain(m);
  });

  test("with one study per cell there is no interval", () => {
    const base = ["w1"];
    const r = speedupMatrix(
      [
        { name: "a", times: { w1: 2 }, studies: { w1: [2] } },
        { name: "b", times: { w1: 4 }, studies: { w1: [4] } },
      ],
      base,
      { w1: 10 },
      { seed: 1, resamples: 20, level: 0.95 },
    );
    expect(r.resampled).toBe(false);
    expect(r.pairs[0]![1]).toEqual({ a: "a", b: "b", speedup: 2, interval: null, aFaster: null });
  });
});
