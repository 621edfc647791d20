// The shared upload schema (lib/ingest/upload-schema.ts) and its JSON Schema.
import { describe, expect, test } from "vitest";
import { uploadJsonSchema, uploadSchema } from "@/lib/ingest/upload-schema";

const run = { submission: "s", workload: "w", study: 0, trial: 1, timeToTarget: { reached: true, seconds: 5 } };
const issues = (value: unknown) => {
  const r = uploadSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("upload schema", () => {
  test("a minimal upload parses, with replace defaulting to false", () => {
    expect(uploadSchema.parse({ round: "r", runs: [run] })).toMatchObject({ round: "r", replace: false });
  });

  test("numbers must be finite and non-negative", () => {
    for (const seconds of [-1, Infinity, NaN, "5"])
      expect(issues({ round: "r", runs: [{ ...run, timeToTarget: { reached: true, seconds } }] })).toHaveLength(1);
    expect(issues({ round: "r", runs: [{ ...run, timeToTarget: undefined, evals: { steps: [0], times: [1], metrics: [Infinity] } }] })).toEqual([
      "runs.0.evals.metrics.0: expected a finite number (metric)",
    ]);
  });

  test("metric values are any finite number: the negative SSIM of real logs is accepted (docs/log-reader.md R7)", () => {
    const evals = (metrics: unknown[]) => ({
      round: "r",
      runs: [{ ...run, timeToTarget: undefined, bestMetric: -0.0250205328173361, evals: { steps: [0, 1], times: [1, 2], metrics } }],
    });
    expect(issues(evals([-0.0250205328173361, -1e300]))).toEqual([]);
    expect(issues(evals([0.1, -Infinity]))).toEqual(["runs.0.evals.metrics.1: expected a finite number (metric)"]);
    expect(issues(evals([0.1, "-0.3"]))).toEqual(["runs.0.evals.metrics.1: expected a finite number (metric)"]);
  });

  test("null is accepted where a field is optional (Python None)", () => {
    expect(issues({ round: "r", submissions: null, runs: [{ ...run, clientRunId: null, hardware: null, position: null, evals: null }] })).toEqual([]);
  });

  test("unknown fields are rejected by name", () => {
    expect(issues({ round: "r", runs: [{ ...run, timeSecond: 3 }] })).toEqual(['runs.0: Unrecognized key: "timeSecond"']);
  });

  test("duplicates inside one batch name the first occurrence", () => {
    expect(issues({ round: "r", runs: [run, { ...run }] })).toEqual(["runs.1: same submission, workload, study and trial as runs.0 (s/w/study_0/trial_1)"]);
    expect(issues({ round: "r", submissions: [{ slug: "s" }, { slug: "s" }], runs: [run] })).toEqual([
      'submissions.1.slug: "s" is already declared at submissions.0',
    ]);
  });

  test("at most 10,000 runs", () => {
    const runs = Array.from({ length: 10_001 }, (_, i) => ({ ...run, study: i }));
    expect(issues({ round: "r", runs })).toEqual(["runs: at most 10000 runs per upload; split the runs into several uploads"]);
  });

  test("the JSON Schema carries the limits and descriptions of the zod schema", () => {
    const s = uploadJsonSchema() as {
      $schema: string;
      properties: Record<string, { maxItems?: number; minItems?: number; items?: { properties: Record<string, { description?: string }> } }>;
    };
    expect(s.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(s.properties.runs!.maxItems).toBe(10_000);
    expect(s.properties.runs!.minItems).toBe(1);
    expect(s.properties.runs!.items!.properties.position!.description).toContain("docs/scoring.md §2.2");
  });
});
