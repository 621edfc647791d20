// One uploaded run → stored fields (lib/ingest/derive-run.ts): docs/scoring.md §1
// through lib/scoring, both time bases, the §1.5 budget flag, the content hash.
import { describe, expect, test } from "vitest";
import { deriveRun, type PathIssue, type RoundSpec, type WorkloadSpec } from "@/lib/ingest/derive-run";
import { uploadRunSchema, type UploadRun } from "@/lib/ingest/upload-schema";

const seconds: RoundSpec = { slug: "r-seconds", timeBasis: "seconds", budgetFactor: 1.5 };
const fraction: RoundSpec = { slug: "r-fraction", timeBasis: "budget_fraction", budgetFactor: 1 };
const lossW: WorkloadSpec = { key: "w", metricName: "validation/loss", direction: "min", target: 0.5, budgetSeconds: 1000, budgetSteps: null };
const accW: WorkloadSpec = { key: "a", metricName: "validation/accuracy", direction: "max", target: 0.75, budgetSeconds: 1000, budgetSteps: null };
const stepW: WorkloadSpec = { key: "s", metricName: "validation/loss", direction: "min", target: 0.5, budgetSeconds: null, budgetSteps: 2000 };

const run = (r: Record<string, unknown>): UploadRun => uploadRunSchema.parse({ submission: "x", workload: "w", study: 0, trial: 1, ...r });

function derive(r: Record<string, unknown>, round: RoundSpec = seconds, w: WorkloadSpec = lossW) {
  const warnings: PathIssue[] = [];
  const out = deriveRun(run(r), round, w, "runs.0", warnings);
  return { ...out, warnings };
}

const ok = (d: ReturnType<typeof derive>) => {
  if (!("run" in d)) throw new Error(`expected a run, got ${JSON.stringify(d.issues)}`);
  return d.run;
};

describe("eval series (docs/scoring.md §1)", () => {
  test("first eval meeting the target, inclusive, for a minimised metric; its time and step", () => {
    const r = ok(derive({ evals: { steps: [0, 10, 20, 30], times: [1, 2, 3, 4], metrics: [0.9, 0.51, 0.5, 0.1] } }));
    expect(r).toMatchObject({ reached: true, firstHitIndex: 2, timeSeconds: 3, steps: 20, timeFraction: 3 / 1500, bestMetric: 0.1, overBudget: false });
  });

  test("maximised metric: >= target; a null metric (NaN) never hits", () => {
    const r = ok(derive({ workload: "a", evals: { steps: [0, 1, 2], times: [5, 6, 7], metrics: [0.5, null, 0.75] } }, seconds, accW));
    expect(r).toMatchObject({ firstHitIndex: 2, timeSeconds: 7, bestMetric: 0.75 });
    expect(Array.from(r.evals!.metrics)).toEqual([0.5, NaN, 0.75]);
  });

  test("never reaching the target: no times, best metric kept", () => {
    const r = ok(derive({ evals: { steps: [0, 1], times: [5, 6], metrics: [0.9, 0.7] } }));
    expect(r).toMatchObject({ reached: false, timeSeconds: null, timeFraction: null, steps: null, firstHitIndex: null, bestMetric: 0.7 });
  });

  test("a metric column other than the workload's is an issue at evals.metricName", () => {
    const d = derive({ evals: { metricName: "validation/wer", steps: [0], times: [1], metrics: [0.1] } });
    expect(d).toMatchObject({ issues: [{ path: "runs.0.evals.metricName", message: expect.stringContaining('scored on "validation/loss"') }] });
  });

  test("times that go backwards are accepted with a warning", () => {
    const d = derive({ evals: { steps: [0, 1, 2], times: [5, 4, 6], metrics: [0.9, 0.8, 0.1] } });
    expect(ok(d).timeSeconds).toBe(6);
    expect(d.warnings).toEqual([{ path: "runs.0.evals.times.1", message: expect.stringContaining("earlier than the eval before it") }]);
  });
});

describe("time bases", () => {
  test("seconds round: fraction = seconds / (budgetSeconds × budgetFactor)", () => {
    expect(ok(derive({ timeToTarget: { reached: true, seconds: 300, steps: 7 } }))).toMatchObject({ timeSeconds: 300, steps: 7, timeFraction: 0.2 });
  });

  test("step-budget workload: fraction = steps / budgetSteps, seconds kept", () => {
    expect(ok(derive({ timeToTarget: { reached: true, seconds: 300, steps: 500 } }, fraction, stepW))).toMatchObject({
      timeSeconds: 300,
      steps: 500,
      timeFraction: 0.25,
    });
  });

  test("a fraction sent alone is stored; one that disagrees with the derived one is an issue", () => {
    expect(ok(derive({ timeToTarget: { reached: true, fraction: 0.4 } }, fraction, stepW))).toMatchObject({ timeFraction: 0.4, timeSeconds: null });
    expect(ok(derive({ timeToTarget: { reached: true, steps: 500, fraction: 0.25 + 1e-12 } }, fraction, stepW)).timeFraction).toBe(0.25);
    expect(derive({ timeToTarget: { reached: true, steps: 500, fraction: 0.3 } }, fraction, stepW)).toMatchObject({
      issues: [{ path: "runs.0.timeToTarget.fraction", message: expect.stringContaining("steps / budgetSteps = 500 / 2000") }],
    });
  });

  test("a reached run needs the basis its round is scored on", () => {
    expect(derive({ timeToTarget: { reached: true, steps: 5 } })).toMatchObject({ issues: [{ path: "runs.0.timeToTarget.seconds" }] });
    expect(derive({ timeToTarget: { reached: true, seconds: 5 } }, fraction, stepW)).toMatchObject({
      issues: [{ path: "runs.0.timeToTarget.fraction", message: expect.stringContaining("one of fraction, steps") }],
    });
    // A fraction round whose workload has a seconds budget accepts seconds.
    expect(ok(derive({ timeToTarget: { reached: true, seconds: 500 } }, fraction, lossW)).timeFraction).toBe(0.5);
  });
});

describe("budget (docs/scoring.md §1.5: flagged, not removed)", () => {
  test("seconds at or past budgetSeconds × budgetFactor", () => {
    const at = derive({ timeToTarget: { reached: true, seconds: 1500 } });
    expect(ok(at).overBudget).toBe(true);
    expect(at.warnings[0]!.message).toContain("1000 s × 1.5 = 1500 s");
    expect(ok(derive({ timeToTarget: { reached: true, seconds: 1499.999 } })).overBudget).toBe(false);
  });

  test("steps past (not at) the step budget; a fraction above 1 with nothing to check it against", () => {
    expect(ok(derive({ timeToTarget: { reached: true, steps: 2000 } }, fraction, stepW)).overBudget).toBe(false);
    expect(ok(derive({ timeToTarget: { reached: true, steps: 2001 } }, fraction, stepW)).overBudget).toBe(true);
    expect(ok(derive({ timeToTarget: { reached: true, fraction: 1.01 } }, fraction, stepW)).overBudget).toBe(true);
  });

  test("a run that did not reach the target is never over budget", () => {
    expect(ok(derive({ evals: { steps: [0], times: [99999], metrics: [0.9] } })).overBudget).toBe(false);
  });
});

describe("content hash", () => {
  const base = { timeToTarget: { reached: true, seconds: 300, firstHitIndex: 3 } };
  test("equal content, equal hash, whatever the key order of hyperparameters", () => {
    const a = ok(derive({ ...base, hyperparameters: { lr: 1, b: 2 } }));
    const b = ok(derive({ ...base, hyperparameters: { b: 2, lr: 1 } }));
    expect(a.contentHash).toBe(b.contentHash);
  });

  test("times, position, eval series and provenance all change it", () => {
    const h = ok(derive(base)).contentHash;
    for (const change of [
      { timeToTarget: { reached: true, seconds: 301, firstHitIndex: 3 } },
      { ...base, position: 1 },
      { ...base, hardware: "8x A100" },
      { ...base, notes: "rerun" },
      { ...base, hyperparameters: { lr: 1 } },
    ]) {
      expect(ok(derive(change)).contentHash, JSON.stringify(change)).not.toBe(h);
    }
  });
});
