// The cost model of the compute pool (lib/server/compute/cost.ts,
// docs/availability.md §1) for the speedup matrix, the head to head and
// workload robustness: every parameter counts, one cap (50,000,000) refuses
// with a 400 naming the parameters. Expected units are worked out here from
// the documented formulas.
import { describe, expect, test } from "vitest";
import { assertAffordable, taskCost } from "@/lib/server/compute/cost";
import type { ComputeTask } from "@/lib/server/compute/tasks";
import { AppError } from "@/lib/server/errors";

const WORKLOADS = ["w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8"];

/** `members` submissions with `studies` studies on every base workload. */
function input(members: number, studies: number) {
  const submissions = Array.from({ length: members }, (_, i) => ({
    name: `s${i}`,
    times: Object.fromEntries(WORKLOADS.map((w) => [w, 100 + i])),
    studies: Object.fromEntries(WORKLOADS.map((w) => [w, Array.from({ length: studies }, (_, k) => 100 + i + k)])),
  }));
  return { baseWorkloads: WORKLOADS, heldOutWorkloads: [], submissions, missValues: Object.fromEntries(WORKLOADS.map((w) => [w, 1001])) };
}

const resampling = (resamples: number) => ({ seed: 1, resamples, level: 0.95 });

describe("speedup matrix", () => {
  test("60 members x 8 workloads x 5 studies: 1,000 resamples cost 26,016,480 units, 2,000 are above the cap", () => {
    const task = (resamples: number): ComputeTask => ({ kind: "speedups", input: input(60, 5), settings: {}, ...resampling(resamples) });
    // resamples x (4 x 2,400 studies drawn + 60 x 8) + 1,770 pairs x 8 x resamples + 1,000 x 1,770 + 60 x (8 + 100)
    expect(taskCost(task(1000)).units).toBe(1000 * (4 * 2400 + 480) + 1770 * 8 * 1000 + 1_770_000 + 6480);
    expect(assertAffordable(task(1000)).units).toBe(26_016_480);
    let refused: unknown;
    try {
      assertAffordable(task(2000));
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(AppError);
    const e = refused as AppError;
    expect(e.code).toBe("BAD_REQUEST");
    expect(e.message).toContain("50,000,000");
    expect(e.message).toContain("50,256,480");
    expect(e.issues.map((i) => i.path).sort()).toEqual(["points", "pool", "resamples"]);
  });

  test("cells of one study are not resampled: no draws, no paired sums, only the logs, the head-to-heads and the scoring", () => {
    const units = taskCost({ kind: "speedups", input: input(40, 1), settings: { points: 1000 }, ...resampling(10_000) }).units;
    expect(units).toBe(10_000 * 40 * 8 + 1000 * 780 + 40 * (8 + 1000));
  });

  test("a head to head costs the matrix of its pair", () => {
    const pair = taskCost({ kind: "headToHead", input: input(2, 5), settings: {}, ...resampling(10_000) }).units;
    expect(pair).toBe(10_000 * (4 * 80 + 16) + 1 * 8 * 10_000 + 1000 + 2 * 108);
  });
});

describe("workload robustness", () => {
  test("2 x resamples + base workloads + 2 scorings of the pool; points count", () => {
    const task = (resamples: number, points: number): ComputeTask => ({
      kind: "robustness",
      input: input(10, 5),
      settings: { points },
      ...resampling(resamples),
    });
    expect(taskCost(task(1000, 100)).units).toBe(2010 * 10 * 108);
    expect(() => assertAffordable(task(1000, 100))).not.toThrow();
    // 2,010 scorings x 10 x (8 + 10,000) = 201,160,800: refused, naming points among the parameters.
    expect(() => assertAffordable(task(1000, 10_000))).toThrow(/201,160,800.*above the cap of 50,000,000/);
  });
});
