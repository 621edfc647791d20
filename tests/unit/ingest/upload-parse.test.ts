// The upload parser's fast path (lib/ingest/upload-parse.ts) gives what
// uploadSchema gives: the same data for a valid body, the same issues for an
// invalid one, whatever rule of the eval series (or anything else) it breaks.
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { parseUpload } from "@/lib/ingest/upload-parse";
import { uploadSchema } from "@/lib/ingest/upload-schema";

const evals = { metricName: "validation/ssim", steps: [0, 10, 20], times: [0, 1.5, 3.25], metrics: [-0.02, null, 0.7] };
const run = { submission: "s", workload: "fastmri", study: 0, trial: 1, clientRunId: "study_0/fastmri_jax/trial_1", evals, hyperparameters: { lr: 0.001 } };
const body = (r: Record<string, unknown> = {}, e: Record<string, unknown> = {}) => ({
  round: "r",
  submissions: [{ slug: "s" }],
  runs: [{ ...run, ...r, evals: { ...evals, ...e } }],
});

/** parseUpload's result or its issues, next to uploadSchema's. */
function both(value: unknown) {
  const expected = uploadSchema.safeParse(value);
  let actual: { success: true; data: unknown } | { success: false; issues: unknown };
  try {
    actual = { success: true, data: parseUpload(value) };
  } catch (error) {
    if (!(error instanceof z.ZodError)) throw error;
    actual = { success: false, issues: error.issues };
  }
  return { actual, expected: expected.success ? { success: true, data: expected.data } : { success: false, issues: expected.error.issues } };
}

describe("parseUpload (the fast path of uploadSchema)", () => {
  test("a valid body parses to uploadSchema's data (defaults included)", () => {
    const { actual, expected } = both(body());
    expect(actual.success).toBe(true);
    expect(actual).toEqual(expected);
    expect(
      both({ round: "r", runs: [{ submission: "s", workload: "w", study: 0, trial: 1, timeToTarget: { reached: true, seconds: 5 } }] }).actual,
    ).toMatchObject({ success: true, data: { replace: false } });
  });

  const bad: [string, unknown][] = [
    ["a negative step", body({}, { steps: [0, -10, 20] })],
    ["a fractional step", body({}, { steps: [0, 10.5, 20] })],
    ["a step past int32", body({}, { steps: [0, 10, 2_147_483_648] })],
    ["a string step", body({}, { steps: [0, "10", 20] })],
    ["a negative time", body({}, { times: [0, -1.5, 3.25] })],
    ["a null time", body({}, { times: [0, null, 3.25] })],
    ["an infinite time", body({}, { times: [0, Infinity, 3.25] })],
    ["a NaN metric", body({}, { metrics: [0.1, NaN, 0.2] })],
    ["a string metric", body({}, { metrics: [0.1, "0.3", 0.2] })],
    ["an empty series", body({}, { steps: [], times: [], metrics: [] })],
    ["a series that is not an array", body({}, { times: { 0: 1 } })],
    ["series of different lengths", body({}, { metrics: [0.1, 0.2] })],
    ["an unknown key in evals", body({}, { extra: 1 })],
    ["an unknown key in a run", body({ timeSecond: 3 })],
    ["evals and timeToTarget", body({ timeToTarget: { reached: false } })],
    ["a run with a bad study", body({ study: -1 })],
    ["a duplicate run", { round: "r", runs: [run, { ...run }] }],
    ["no runs", { round: "r", runs: [] }],
    ["not an object", [1, 2]],
  ];
  test.each(bad)("%s: the same issues as uploadSchema", (_name, value) => {
    const { actual, expected } = both(value);
    expect(expected.success).toBe(false);
    expect(actual).toEqual(expected);
  });

  test("more than 100,000 evaluations are refused like the schema refuses them", () => {
    const n = 100_001;
    const value = body(
      {},
      { steps: Array.from({ length: n }, (_, i) => i), times: Array.from({ length: n }, (_, i) => i), metrics: Array.from({ length: n }, () => 0.5) },
    );
    const { actual, expected } = both(value);
    expect(expected.success).toBe(false);
    expect(actual).toEqual(expected);
  });
});
