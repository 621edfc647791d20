import { describe, expect, test } from "vitest";
import { completeness } from "@/lib/ingest/completeness";

const round = {
  studiesExpected: 2,
  trialsExpected: 2,
  workloads: [
    { key: "a", role: "base" },
    { key: "b", role: "base" },
    { key: "a_var", role: "held_out" },
    { key: "a_other", role: "variant" },
  ],
};

describe("completeness", () => {
  test("base and held-out workloads × studies × trials; plain variants are not expected", () => {
    const runs = [
      { workload: "a", study: 0, trial: 1 },
      { workload: "a", study: 0, trial: 2 },
      { workload: "a", study: 1, trial: 1 },
      { workload: "a", study: 1, trial: 2 },
      { workload: "b", study: 0, trial: 1 },
      { workload: "a_other", study: 0, trial: 1 },
    ];
    const c = completeness("sub", round, runs);
    expect(c.complete).toBe(false);
    expect(c.expected).toEqual({ workloads: ["a", "b", "a_var"], studies: 2, trials: 2, runs: 12 });
    expect(c.presentRuns).toBe(5);
    expect(c.workloads.map((w) => [w.workload, w.complete, w.trialsPerStudy])).toEqual([
      ["a", true, { "0": 2, "1": 2 }],
      ["b", false, { "0": 1 }],
      ["a_var", false, {}],
    ]);
    expect(c.missing).toEqual(["b: runs in 1 of 2 studies, study 0 has 1 of 2 trials", "a_var: no runs"]);
  });

  test("everything present is complete, extra studies do not hurt", () => {
    const runs = ["a", "b", "a_var"].flatMap((workload) => [0, 1, 2].flatMap((study) => [1, 2].map((trial) => ({ workload, study, trial }))));
    const c = completeness("sub", round, runs);
    expect(c).toMatchObject({ complete: true, missing: [], presentRuns: 18 });
  });
});
