// The content hash decides whether a re-sent run is unchanged (idempotent
// upload), so stored hashes must stay valid: runContentHash splices the eval
// series in as shared text (lib/ingest/eval-text.ts) and must still hash
// exactly JSON.stringify of the content, as it did before.
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { pgArray } from "@/lib/db/bulk";
import { evalText } from "@/lib/ingest/eval-text";
import { runContentHash, type HashedRunContent } from "@/lib/ingest/run-hash";

/** The definition: sha256 of JSON.stringify of the content list (lib/ingest/run-hash.ts before the shared text). */
function reference(run: HashedRunContent): string {
  const sortKeys = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sortKeys)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([k, x]) => [k, sortKeys(x)]),
          )
        : v;
  const content: unknown[] = [
    run.reached,
    run.timeSeconds,
    run.timeFraction,
    run.steps,
    run.firstHitIndex,
    run.bestMetric,
    run.position,
    run.evals ? [run.evals.steps, run.evals.times, run.evals.metrics] : null,
  ];
  const provenance = [run.hardware, run.framework, run.codeCommit, run.notes, run.hyperparameters ? sortKeys(run.hyperparameters) : null].map((v) => v ?? null);
  if (provenance.some((v) => v !== null)) content.push(provenance);
  if (run.provenance) content.push(sortKeys(run.provenance));
  return createHash("sha256").update(JSON.stringify(content)).digest("hex");
}

const num = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-0, 1e21, 5e-324, NaN, Infinity, -Infinity));
const series = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.record({
    steps: fc.array(fc.nat(), { minLength: n, maxLength: n }),
    times: fc.array(fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }), { minLength: n, maxLength: n }),
    metrics: fc.array(num, { minLength: n, maxLength: n }),
  }),
);
const run = fc.record({
  reached: fc.boolean(),
  timeSeconds: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true })),
  timeFraction: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true })),
  steps: fc.option(fc.nat()),
  firstHitIndex: fc.option(fc.nat()),
  bestMetric: fc.option(num),
  position: fc.nat(),
  evals: fc.option(series),
  hardware: fc.option(fc.string()),
  framework: fc.option(fc.constantFrom("jax", "pytorch")),
  codeCommit: fc.option(fc.string()),
  notes: fc.option(fc.string()),
  hyperparameters: fc.option(fc.dictionary(fc.string(), fc.oneof(fc.double(), fc.string(), fc.boolean()))),
  provenance: fc.option(fc.record({ gpuModel: fc.string(), seed: fc.integer() })),
});

describe("runContentHash", () => {
  test("is sha256 of JSON.stringify of the content, for any run (NaN and infinities included)", () => {
    fc.assert(
      fc.property(run, (r) => {
        expect(runContentHash(r)).toBe(reference(r));
      }),
      { numRuns: 2000 },
    );
  });

  test("a hash stored before the shared text still matches (a fixed run)", () => {
    const r = {
      reached: true,
      timeSeconds: 12.5,
      timeFraction: 0.25,
      steps: 100,
      firstHitIndex: 1,
      bestMetric: -0.02,
      position: 0,
      evals: { steps: [0, 100], times: [1.5, 12.5], metrics: [NaN, -0.02] },
    };
    expect(runContentHash(r)).toBe(createHash("sha256").update("[true,12.5,0.25,100,1,-0.02,0,[[0,100],[1.5,12.5],[null,-0.02]]]").digest("hex"));
  });
});

describe("evalText and pgArray: the JSON text of a series, and the array text of pgArray", () => {
  /** The definition (lib/db/bulk.ts pgArray before the JSON fast path): String(x) of every value, NULL for null. */
  const reference = (values: readonly (number | boolean | null)[]) =>
    `{${values.map((v) => (v === null ? "NULL" : typeof v === "boolean" ? (v ? "t" : "f") : String(v))).join(",")}}`;
  const values = fc.array(fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-0, 1e21, 5e-324, NaN, Infinity, -Infinity)), { minLength: 1, maxLength: 8 });

  test("evalText's JSON is JSON.stringify of every series, NaN and infinities included", () => {
    fc.assert(
      fc.property(values, values, values, (steps, times, metrics) => {
        const { json } = evalText({ steps, times, metrics });
        expect([json.steps, json.times, json.metrics]).toEqual([JSON.stringify(steps), JSON.stringify(times), JSON.stringify(metrics)]);
      }),
      { numRuns: 2000 },
    );
  });

  test("pgArray of numbers, booleans and nulls is unchanged by its fast path", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double(), fc.integer(), fc.boolean(), fc.constant(null))), values, (mixed, numbers) => {
        expect(pgArray(mixed)).toBe(reference(mixed));
        expect(pgArray(numbers)).toBe(reference(numbers));
      }),
      { numRuns: 2000 },
    );
  });
});
