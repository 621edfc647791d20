// docs/scoring.md §1: time-to-target of one trial.
import { describe, expect, test } from "vitest";
import { firstHitIndex, metricDirection, trialTimeToTarget } from "../../../lib/scoring";

describe("§1.2 metric direction", () => {
  test.each([
    ["validation/loss", "min"],
    ["validation/wer", "min"],
    ["validation/ppl", "min"],
    ["validation/l1_loss", "min"],
    ["train_cost", "min"],
    ["validation/ssim", "max"],
    ["validation/accuracy", "max"],
    ["validation/mean_average_precision", "max"],
    ["validation/bleu", "max"],
  ])("§1.2 %s is %s", (column, direction) => {
    expect(metricDirection(column)).toBe(direction);
  });

  test("§1.2 substring match in registry order: every minimised key comes before every maximised one", () => {
    // Contains a maximised train/ key and a minimised validation/ key: the
    // registry lists all minimised keys (train/, then validation/) first.
    expect(metricDirection("train/accuracy|validation/loss")).toBe("min");
    expect(metricDirection("my_validation/accuracy_extra")).toBe("max");
  });

  test("§1.2 the best_ / final_ prefixes are dropped before matching", () => {
    expect(metricDirection("best_validation/accuracy")).toBe("max");
    expect(metricDirection("final_validation/wer")).toBe("min");
  });

  test("§1.2 a column no registry key matches raises a clear error naming it", () => {
    expect(() => metricDirection("validation/f1")).toThrow(/"validation\/f1".*MINIMIZE_REGISTRY/);
  });
});

describe("§1.3–§1.4 first hit", () => {
  test("§1.3 the comparison is inclusive for minimised metrics", () => {
    expect(firstHitIndex([0.5, 0.3, 0.2], 0.3, "min")).toBe(1);
  });

  test("§1.3 the comparison is inclusive for maximised metrics", () => {
    expect(firstHitIndex([0.7, 0.7236, 0.723653, 0.8], 0.723653, "max")).toBe(2);
  });

  test("§1.3 a NaN metric never hits, in either direction", () => {
    expect(firstHitIndex([NaN, 0.1], 0.2, "min")).toBe(1);
    expect(firstHitIndex([NaN, NaN], 0.2, "max")).toBe(-1);
  });

  test("§1.4 the first hit counts, not the best value", () => {
    expect(firstHitIndex([0.9, 0.29, 0.1, 0.05], 0.3, "min")).toBe(1);
  });

  test("§1.4 no hit gives -1 and a trial with null index and time", () => {
    expect(firstHitIndex([0.5, 0.4], 0.3, "min")).toBe(-1);
    expect(trialTimeToTarget({ metric: [0.5, 0.4], time: [10, 20] }, 0.3, "min")).toEqual({ hitIndex: null, hitTime: null });
  });

  test("§1.1 the trial time is the score (accumulated submission time) at the first hit", () => {
    expect(trialTimeToTarget({ metric: [0.5, 0.3, 0.2], time: [100.5, 200.25, 300] }, 0.3, "min")).toEqual({
      hitIndex: 1,
      hitTime: 200.25,
    });
  });

  test("§1.1 metric and time series of different lengths are rejected", () => {
    expect(() => trialTimeToTarget({ metric: [0.5], time: [1, 2] }, 0.3, "min")).toThrow(/1 metric values but 2 time/);
  });
});

describe("§1.5 budget", () => {
  const evals = { metric: [0.5, 0.4, 0.3], time: [4000, 7703, 8000] };

  test("§1.5 no budget cutoff by default: a hit past the budget counts", () => {
    expect(trialTimeToTarget(evals, 0.3, "min").hitTime).toBe(8000);
  });

  test("§1.5 the optional cutoff (ours, off by default) ignores evals at or after the budget", () => {
    expect(trialTimeToTarget(evals, 0.3, "min", { budgetCutoff: 7703 })).toEqual({ hitIndex: null, hitTime: null });
    expect(trialTimeToTarget(evals, 0.4, "min", { budgetCutoff: 7703 })).toEqual({ hitIndex: null, hitTime: null });
    expect(trialTimeToTarget(evals, 0.4, "min", { budgetCutoff: 7703.5 })).toEqual({ hitIndex: 1, hitTime: 7703 });
  });
});
