// The content hash decides whether a re-sent run is unchanged (idempotent
// upload), so stored hashes must stay valid: a run without eval series hashes
// exactly as JSON.stringify of its content, as before; a run with one hashes
// its packed series (PACKED_HASH_PREFIX), the same whichever form it was sent
// in, and sameContent still recognises the hash such a run was stored with
// before (its series as JSON number text).
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { pgArray } from "@/lib/db/bulk";
import { decodeSeries, encodeSeries, packSeries } from "@/lib/ingest/packed-evals";
import { PACKED_HASH_PREFIX, runContentHash, sameContent, type HashedRunContent } from "@/lib/ingest/run-hash";

type ArraysRun = Omit<HashedRunContent, "evals"> & { evals: { steps: number[]; times: number[]; metrics: (number | null)[] } | null };

/** The definition before packed hashes: sha256 of JSON.stringify of the content list, series as arrays (NaN prints as null). */
function reference(run: ArraysRun): string {
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
// What the upload schema lets through as a metric: finite numbers and null (NaN in a packed series).
const metric = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.constantFrom(-0, 1e21, 5e-324, null));
const series = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.record({
    steps: fc.array(fc.nat({ max: 2_147_483_647 }), { minLength: n, maxLength: n }),
    times: fc.array(fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }), { minLength: n, maxLength: n }),
    metrics: fc.array(metric, { minLength: n, maxLength: n }),
  }),
);
// Keys in any order, array-index keys among them (an object lists those first, numerically, whatever their order).
const key = fc.oneof(fc.string(), fc.constantFrom("0", "1", "2", "10", "01", "-1", "1.5", "4294967294", "4294967295", "a", "B", "b", ""));
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
  hyperparameters: fc.option(fc.dictionary(key, fc.oneof(fc.double(), fc.string(), fc.boolean(), fc.jsonValue({ maxDepth: 3 })))),
  provenance: fc.option(
    fc.oneof(fc.record({ gpuModel: fc.string(), seed: fc.integer() }), fc.dictionary(key, fc.oneof(fc.string(), fc.integer(), fc.constant(null)))),
  ),
});

const packed = (r: ArraysRun): HashedRunContent => ({ ...r, evals: r.evals ? packSeries(r.evals) : null });

describe("runContentHash", () => {
  test("a run without eval series: sha256 of JSON.stringify of the content, as before (NaN and infinities included)", () => {
    fc.assert(
      fc.property(run, (r) => {
        const bare = { ...r, evals: null };
        expect(runContentHash(bare)).toBe(reference(bare));
      }),
      { numRuns: 2000 },
    );
  });

  test("a run with eval series: a packed hash, the same from the arrays and from their base64 (packedEvals), and still recognised by its old hash", () => {
    fc.assert(
      fc.property(run, series, (r, e) => {
        const arrays = { ...r, evals: e };
        const hash = runContentHash(packed(arrays));
        expect(hash.startsWith(PACKED_HASH_PREFIX)).toBe(true);
        const decoded = decodeSeries(encodeSeries(e));
        if (!("series" in decoded)) throw new Error(JSON.stringify(decoded.issues));
        expect(runContentHash({ ...r, evals: decoded.series })).toBe(hash);
        expect(sameContent(reference(arrays), { ...packed(arrays), contentHash: hash }, true)).toBe(true);
        // Only a run stored with an eval series may carry the older hash of one.
        expect(sameContent(reference(arrays), { ...packed(arrays), contentHash: hash }, false)).toBe(false);
        expect(sameContent(hash, { ...packed(arrays), contentHash: hash }, false)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  test("a change of any one value of a series changes the hash, and the old hash of the other run does not match", () => {
    fc.assert(
      fc.property(run, series, fc.nat(), fc.constantFrom("steps", "times", "metrics"), (r, e, at, key) => {
        const i = at % e.steps.length;
        const changed = { ...e, [key]: e[key].map((v, j) => (j === i ? (v === null ? 1 : v + 1 === v ? v / 2 + 1 : v + 1) : v)) };
        const a = packed({ ...r, evals: e });
        const b = packed({ ...r, evals: changed });
        const hashB = runContentHash(b);
        expect(runContentHash(a)).not.toBe(hashB);
        expect(sameContent(reference({ ...r, evals: e }), { ...b, contentHash: hashB }, true)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  test("a hash stored before packed hashes still matches (a fixed run)", () => {
    const r: ArraysRun = {
      reached: true,
      timeSeconds: 12.5,
      timeFraction: 0.25,
      steps: 100,
      firstHitIndex: 1,
      bestMetric: -0.02,
      position: 0,
      evals: { steps: [0, 100], times: [1.5, 12.5], metrics: [null, -0.02] },
    };
    const stored = createHash("sha256").update("[true,12.5,0.25,100,1,-0.02,0,[[0,100],[1.5,12.5],[null,-0.02]]]").digest("hex");
    const p = packed(r);
    expect(sameContent(stored, { ...p, contentHash: runContentHash(p) }, true)).toBe(true);
    expect(
      sameContent(
        stored.replace(/^./, (c) => (c === "0" ? "1" : "0")),
        { ...p, contentHash: runContentHash(p) },
        true,
      ),
    ).toBe(false);
  });
});

describe("pgArray: the array text of a column", () => {
  /** The definition (lib/db/bulk.ts pgArray before the JSON fast path): String(x) of every value, NULL for null. */
  const reference = (values: readonly (number | boolean | null)[]) =>
    `{${values.map((v) => (v === null ? "NULL" : typeof v === "boolean" ? (v ? "t" : "f") : String(v))).join(",")}}`;
  const values = fc.array(fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-0, 1e21, 5e-324, NaN, Infinity, -Infinity)), { minLength: 1, maxLength: 8 });

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
