// packedEvals (lib/ingest/packed-evals.ts): the eval series as base64 of
// little-endian Int32/Float64. The same run sent packed or as JSON arrays must
// derive the same stored run with the same content hash, and a packed series
// is held to the same rules as the arrays, with issues at the same places.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { deriveRun, type PathIssue, type RoundSpec, type WorkloadSpec } from "@/lib/ingest/derive-run";
import { encodeSeries } from "@/lib/ingest/packed-evals";
import { uploadRunSchema } from "@/lib/ingest/upload-schema";

const round: RoundSpec = { slug: "r", timeBasis: "seconds", budgetFactor: 1 };
const loss: WorkloadSpec = { key: "w", metricName: "validation/loss", direction: "min", target: 0.5, budgetSeconds: 1000, budgetSteps: null };

const b64 = (bytes: number[] | Buffer) => Buffer.from(bytes).toString("base64");
const f64 = (values: number[]) => {
  const b = Buffer.alloc(values.length * 8);
  values.forEach((v, i) => b.writeDoubleLE(v, i * 8));
  return b64(b);
};
const i32 = (values: number[]) => {
  const b = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => b.writeInt32LE(v, i * 4));
  return b64(b);
};

function derive(evals: Record<string, unknown>, key: "evals" | "packedEvals") {
  const warnings: PathIssue[] = [];
  const out = deriveRun(uploadRunSchema.parse({ submission: "x", workload: "w", study: 0, trial: 1, [key]: evals }), round, loss, "runs.0", warnings);
  if (!("run" in out)) throw new Error(JSON.stringify(out.issues));
  return { run: out.run, warnings };
}

const issues = (packed: Record<string, unknown>) => {
  const r = uploadRunSchema.safeParse({ submission: "x", workload: "w", study: 0, trial: 1, packedEvals: packed });
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
};

describe("packedEvals", () => {
  const series = fc.integer({ min: 1, max: 8 }).chain((n) =>
    fc.record({
      steps: fc.array(fc.nat({ max: 2_147_483_647 }), { minLength: n, maxLength: n }),
      times: fc.array(fc.double({ min: 0, max: 2000, noNaN: true }), { minLength: n, maxLength: n }),
      metrics: fc.array(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null), fc.constant(-0)), { minLength: n, maxLength: n }),
    }),
  );

  test("the same series packed or as arrays: the same stored run, warnings and content hash", () => {
    fc.assert(
      fc.property(series, (e) => {
        const arrays = derive(e, "evals");
        const packed = derive({ ...encodeSeries(e) }, "packedEvals");
        const plain = (d: typeof arrays) => ({
          ...d.run,
          evals: { steps: Array.from(d.run.evals!.steps), times: Array.from(d.run.evals!.times), metrics: Array.from(d.run.evals!.metrics) },
        });
        expect(plain(packed)).toEqual(plain(arrays));
        expect(packed.warnings.map((w) => ({ ...w, path: w.path.replace("packedEvals", "evals") }))).toEqual(arrays.warnings);
      }),
      { numRuns: 1000 },
    );
  });

  test("values are read as little-endian bytes: a known series", () => {
    const { run } = derive(
      { metricName: "validation/loss", steps: i32([0, 100, 200]), times: f64([10, 20, 30]), metrics: f64([0.9, NaN, 0.4]) },
      "packedEvals",
    );
    expect(run).toMatchObject({ reached: true, firstHitIndex: 2, timeSeconds: 30, steps: 200, bestMetric: 0.4 });
  });

  test("issues name the field inside packedEvals and the reason", () => {
    const good = { steps: i32([0, 1]), times: f64([1, 2]), metrics: f64([0.9, 0.4]) };
    expect(issues({ ...good, steps: "not base64!" })).toEqual([{ path: "packedEvals.steps", message: expect.stringContaining("not base64") }]);
    expect(issues({ ...good, times: b64([1, 2, 3]) })).toEqual([
      { path: "packedEvals.times", message: expect.stringContaining("not a whole number of 8-byte values") },
    ]);
    expect(issues({ ...good, metrics: f64([0.9]) })).toEqual([
      { path: "packedEvals.metrics", message: expect.stringContaining("has 1 values but steps has 2") },
    ]);
    expect(issues({ ...good, steps: "" })).toEqual([{ path: "packedEvals.steps", message: "needs at least one evaluation" }]);
    expect(issues({ ...good, steps: i32([0, -5]) })).toEqual([{ path: "packedEvals.steps.1", message: expect.stringContaining("step must be >= 0") }]);
    expect(issues({ ...good, times: f64([1, -2]) })).toEqual([{ path: "packedEvals.times.1", message: "time must be >= 0" }]);
    expect(issues({ ...good, times: f64([NaN, 2]) })).toEqual([{ path: "packedEvals.times.0", message: expect.stringContaining("finite") }]);
    expect(issues({ ...good, metrics: f64([Infinity, 0.4]) })).toEqual([
      { path: "packedEvals.metrics.0", message: expect.stringContaining("finite number or NaN") },
    ]);
    expect(issues({ ...good, steps: 5 })).toEqual([{ path: "packedEvals.steps", message: expect.stringContaining("expected a base64 string") }]);
    expect(issues({ ...good, extra: 1 })).toHaveLength(1);
  });

  test("exactly one of timeToTarget, evals and packedEvals", () => {
    const packed = { steps: i32([0]), times: f64([1]), metrics: f64([0.1]) };
    const r = uploadRunSchema.safeParse({
      submission: "x",
      workload: "w",
      study: 0,
      trial: 1,
      evals: { steps: [0], times: [1], metrics: [0.1] },
      packedEvals: packed,
    });
    expect(r.success ? [] : r.error.issues.map((i) => i.path.join("."))).toEqual(["packedEvals"]);
  });

  test("a metric column other than the workload's is an issue at packedEvals.metricName", () => {
    const warnings: PathIssue[] = [];
    const run = uploadRunSchema.parse({
      submission: "x",
      workload: "w",
      study: 0,
      trial: 1,
      packedEvals: { metricName: "validation/wer", steps: i32([0]), times: f64([1]), metrics: f64([0.1]) },
    });
    expect(deriveRun(run, round, loss, "runs.0", warnings)).toEqual({
      issues: [{ path: "runs.0.packedEvals.metricName", message: expect.stringContaining("validation/loss") }],
    });
  });
});
