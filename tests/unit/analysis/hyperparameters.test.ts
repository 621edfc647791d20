// Hyperparameter sensitivity on hand-made trials (docs/analysis-tuning.md).
import { describe, expect, test } from "vitest";
import { hyperparameterSensitivity, sensitivityOrder, type HparamTrial } from "../../../lib/scoring/analysis";

const t = (workload: string, trial: number, hitTime: number | null, hp: Record<string, unknown> | null): HparamTrial => ({
  workload,
  study: 0,
  trial,
  hitTime,
  hyperparameters: hp,
});

describe("hyperparameterSensitivity", () => {
  test("best / median / worst over trials, spread = median / best, misses as +inf; only varying scalar hyperparameters are axes", () => {
    const r = hyperparameterSensitivity([
      t("a", 1, 100, { learning_rate: 0.001, warmup: 0.05, label: "x", betas: [0.9, 0.99] }),
      t("a", 2, 300, { learning_rate: 0.1, warmup: 0.05, label: "y", betas: [0.9, 0.99] }),
      t("a", 3, null, { learning_rate: 0.01, warmup: 0.05, label: "x", betas: [0.9, 0.99] }),
      t("b", 1, 50, null),
      t("b", 2, null, null),
    ]);
    const a = r.workloads.find((w) => w.workload === "a")!;
    expect([a.best, a.median, a.worst, a.spread]).toEqual([100, 300, Infinity, 3]);
    expect(a.axes.map((x) => [x.name, x.log])).toEqual([
      ["label", false],
      ["learning_rate", true],
    ]);
    expect(a.axes[1]!.points).toEqual([
      { study: 0, trial: 1, value: 0.001, time: 100 },
      { study: 0, trial: 2, value: 0.1, time: 300 },
      { study: 0, trial: 3, value: 0.01, time: null },
    ]);
    const b = r.workloads.find((w) => w.workload === "b")!;
    // np.median of {50, inf} = inf.
    expect(b.spread).toBe(Infinity);
    expect(b.axes).toEqual([]);
    // np.median of {3, inf} = inf.
    expect(r.sensitivity).toBe(Infinity);
    expect(r.withHyperparameters).toBe(3);
  });
});

describe("sensitivityOrder", () => {
  test("least sensitive first, +inf after the finite values, NaN (no hit) last, ties in the given order", () => {
    expect(sensitivityOrder([2, NaN, Infinity, 1, 2, 1.5])).toEqual([3, 5, 0, 4, 2, 1]);
    expect(sensitivityOrder([NaN, Infinity, NaN])).toEqual([1, 0, 2]);
    expect(sensitivityOrder([])).toEqual([]);
  });
});
