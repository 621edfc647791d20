// The upload parser's fast paths (lib/ingest/upload-parse.ts) give what
// uploadSchema gives: the same data for a valid body, the same issues for an
// invalid one, whatever rule of the eval series (or anything else) it breaks.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { encodeSeries } from "@/lib/ingest/packed-evals";
import { packedRun, parseUpload } from "@/lib/ingest/upload-parse";
import { uploadRunSchema, uploadSchema } from "@/lib/ingest/upload-schema";

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

// packedRun: the runs the CLI sends (packedEvals), checked without zod. For
// every run JSON can carry, it must accept exactly what uploadRunSchema
// accepts and give exactly what it gives; runs it does not take (timeToTarget,
// evals) go to the schema.
describe("packedRun (runs with packedEvals, checked without zod)", () => {
  const packed = encodeSeries({ steps: [0, 10, 20], times: [0, 1.5, 3.25], metrics: [-0.02, null, 0.7] });
  const provenance = {
    gpuModel: "Tesla V100-SXM2-16GB",
    gpuCount: 8,
    gpuDriver: "535.54",
    cpuModel: "Intel Xeon",
    cpuCount: 96,
    seed: -1234567,
    gitBranch: "main",
    python: "3.11.4",
    os: "Linux-5.15",
    source: "meta_data_0.json",
  };
  const cliRun = {
    submission: "schedule_free_adamw",
    workload: "fastmri",
    study: 0,
    trial: 1,
    position: 0,
    clientRunId: "study_0/fastmri_jax/trial_1",
    packedEvals: { metricName: "validation/ssim", ...packed },
    hardware: "8x Tesla V100-SXM2-16GB",
    framework: "jax",
    codeCommit: "a1b2c3d",
    hyperparameters: { learning_rate: 0.001, betas: [0.9, 0.999], schedule: { warmup: 0.05 } },
    provenance,
  };
  const long = (n: number) => "x".repeat(n);
  const nested = (depth: number): unknown => (depth === 0 ? 1 : { a: nested(depth - 1) });
  // Values at and past each rule's bounds, of the wrong type, and absent. `null` stands for absent too.
  const probes: Record<string, unknown[]> = {
    submission: ["", "a", long(100), long(101), "-a", "a b", "a.b_c-d", 5, null],
    workload: ["", "w", long(100), long(101), "a\u0000b", "\uD800x", "\uD83D\uDE00", 3, null],
    study: [-1, 0, 1.5, 10_000, 10_001, "1", null],
    trial: [-1, 0, 2, 10_000, 10_001, true],
    position: [null, undefined, -1, 0, 1_000_000, 1_000_001, 0.5],
    clientRunId: [null, "", "a", long(200), long(201), "\u0000"],
    bestMetric: [null, -5.5, 0, 1e308, "1", true],
    hardware: [null, "", long(200), long(201), "\uDC00", 5],
    framework: [null, long(100), long(101)],
    codeCommit: [null, long(100), long(101), ["a"]],
    notes: [null, long(5000), long(5001), "\u0000"],
    hyperparameters: [
      null,
      {},
      [],
      "lr",
      { lr: 0.1, nested: { a: [1, 2, { b: null }] } },
      JSON.parse('{"__proto__": 1}'),
      JSON.parse('{"a": {"__proto__": {"b": 1}}}'),
      { constructor: 1 },
      { [long(200)]: 1 },
      { [long(201)]: 1 },
      { s: long(5000) },
      { s: long(5001) },
      { s: "\u0000" },
      nested(8),
      nested(9),
      Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i])),
      Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`k${i}`, i])),
      { n: 1e400 },
    ],
    provenance: [
      null,
      {},
      provenance,
      [],
      { ...provenance, extra: 1 },
      { gpuCount: -1 },
      { gpuCount: 1.5 },
      { gpuCount: 1_000_000 },
      { cpuCount: 1_000_001 },
      { seed: 1.5 },
      { seed: 2 ** 53 },
      { seed: -(2 ** 53) + 1 },
      { gpuModel: long(200) },
      { gpuModel: long(201) },
      { gpuDriver: long(101) },
      { python: long(101) },
      { os: long(201) },
      { source: long(201) },
      { gitBranch: "\u0000" },
      { cpuModel: 5 },
    ],
    packedEvals: [
      null,
      "x",
      { ...packed },
      { ...packed, metricName: null },
      { ...packed, metricName: long(200) },
      { ...packed, metricName: long(201) },
      { ...packed, extra: 1 },
      { ...packed, steps: "!!!!" },
      { ...packed, steps: "" },
      { ...packed, times: packed.times.slice(0, -4) },
      { ...packed, metrics: 5 },
      { steps: packed.steps, times: packed.times },
    ],
    timeToTarget: [null, { reached: false }],
    evals: [null, { steps: [0], times: [0], metrics: [0.5] }],
    extra: [undefined, 1],
  };

  /** packedRun against the schema on a run as JSON carries it; packedRun must have taken it when `taken`. */
  function agree(value: unknown) {
    const run = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
    const fast = packedRun(run);
    const schema = uploadRunSchema.safeParse(run);
    const handedOver = !(run.packedEvals && typeof run.packedEvals === "object") || run.timeToTarget != null || run.evals != null;
    if (handedOver) expect(fast).toBeUndefined();
    else expect(fast !== undefined, JSON.stringify(run).slice(0, 300)).toBe(schema.success);
    if (fast) expect(fast).toEqual(schema.success ? schema.data : "refused by the schema");
    return fast !== undefined;
  }

  test("takes the CLI's runs and gives the schema's result", () => {
    expect(agree(cliRun)).toBe(true);
    const minimal = { submission: "s", workload: "w", study: 0, trial: 0, packedEvals: packed };
    expect(agree(minimal)).toBe(true);
  });

  test.each(Object.entries(probes))("%s: accepted and refused exactly as the schema does", (field, values) => {
    for (const v of values) agree({ ...cliRun, [field]: v });
  });

  test("any mix of the probes: the same verdict and data as the schema", () => {
    const fields = Object.entries(probes).map(([k, vs]) => fc.option(fc.tuple(fc.constant(k), fc.constantFrom(...vs)), { nil: undefined }));
    fc.assert(
      fc.property(fc.tuple(...fields), (changes) => {
        const run: Record<string, unknown> = { ...cliRun };
        for (const c of changes) if (c) run[c[0]] = c[1];
        agree(run);
      }),
      { numRuns: 2000 },
    );
  });

  test("a body of packed runs parses as uploadSchema parses it, the batch's rules included", () => {
    const valid = { round: "r", submissions: [{ slug: "schedule_free_adamw" }], runs: [cliRun, { ...cliRun, trial: 2, clientRunId: "t2" }] };
    const { actual, expected } = both(JSON.parse(JSON.stringify(valid)));
    expect(actual.success).toBe(true);
    expect(actual).toEqual(expected);
    for (const bad of [
      { ...valid, runs: [cliRun, { ...cliRun }] }, // the same run twice
      { ...valid, runs: [cliRun, { ...cliRun, trial: 2 }] }, // the same clientRunId twice
      { ...valid, extra: 1 },
      { ...valid, round: "" },
      { ...valid, runs: [cliRun, { ...cliRun, trial: 2, clientRunId: "t2", study: -1 }] },
    ]) {
      const r = both(JSON.parse(JSON.stringify(bad)));
      expect(r.expected.success).toBe(false);
      expect(r.actual).toEqual(r.expected);
    }
  });
});
