// An eval series packed: steps as little-endian Int32, times and metrics as
// little-endian Float64 (NaN = no finite value), the layout RunEvals stores
// (lib/db/eval-columns.ts). An upload may send a series this way, base64 in
// `packedEvals` (lib/ingest/upload-schema.ts), instead of JSON arrays in
// `evals`: a round of raw logs is ~1M numbers, and printing and parsing them
// as JSON text was the largest cost of an upload on both ends
// (docs/performance.md "Raw logs against the official scorer"). Both forms
// become this one series on the server, with the same values, so the same run
// has the same content hash whichever form it came in. No zod here: the CLI
// packs with it and must start fast.
import { STEP_BYTES, VALUE_BYTES } from "@/lib/db/eval-columns";
import { INT32_MAX, UPLOAD_LIMITS } from "./upload-limits";

/** A run's series as typed arrays over the packed bytes (host order, which is little-endian on every platform Node supports here). */
export interface PackedSeries {
  steps: Int32Array;
  times: Float64Array;
  /** NaN where the log has no finite value (docs/scoring.md §1.3). */
  metrics: Float64Array;
}

/** The base64 text of each series, as an upload's `packedEvals` carries it. */
export interface PackedText {
  steps: string;
  times: string;
  metrics: string;
}

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error("packed eval series need a little-endian machine");

/** The longest base64 text of one series: UPLOAD_LIMITS.evalsPerRun values of `width` bytes. */
export const maxBase64Length = (width: number) => Math.ceil((UPLOAD_LIMITS.evalsPerRun * width) / 3) * 4;

export { STEP_BYTES, VALUE_BYTES };

// Canonical values, so equal series pack to equal bytes: every NaN as the one
// quiet NaN and -0 as 0 (JSON, the other form, has neither).
function canonical(values: Float64Array): Float64Array {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) values[i] = NaN;
    else if (v === 0) values[i] = 0;
  }
  return values;
}

/** The arrays of an `evals` series (checked by the schema) packed; null metrics become NaN. */
export function packSeries(e: { steps: readonly number[]; times: readonly number[]; metrics: readonly (number | null)[] }): PackedSeries {
  const metrics = new Float64Array(e.metrics.length);
  for (let i = 0; i < metrics.length; i++) metrics[i] = e.metrics[i] ?? NaN;
  return { steps: Int32Array.from(e.steps), times: canonical(Float64Array.from(e.times)), metrics: canonical(metrics) };
}

/** The series as an upload sends it in `packedEvals` (the CLI; any client can do the same, README "Uploading results"). */
export function encodeSeries(e: { steps: readonly number[]; times: readonly number[]; metrics: readonly (number | null)[] }): PackedText {
  const p = packSeries(e);
  return { steps: bytesOf(p.steps).toString("base64"), times: bytesOf(p.times).toString("base64"), metrics: bytesOf(p.metrics).toString("base64") };
}

/** The bytes under a typed array, without a copy. */
export const bytesOf = (a: Int32Array | Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Bytes that `text` holds if it is whole base64 with padding: Buffer.from skips any other character, so fewer come out. */
function base64Bytes(text: string): number {
  const pad = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  return (text.length / 4) * 3 - pad;
}

/** One base64 series as a typed array (copied when the decoded bytes are not aligned for it), or why not. */
function decode<T extends Int32Array | Float64Array>(text: string, width: number, make: (b: ArrayBuffer, offset: number, n: number) => T): T | string {
  // A length check instead of a regular expression over ~1 MB of text a run (it was a tenth of the server's decoding time).
  const bytes = text.length % 4 === 0 ? Buffer.from(text, "base64") : null;
  if (!bytes || bytes.byteLength !== base64Bytes(text)) return "not base64 (RFC 4648, standard or URL-safe alphabet, with padding)";
  if (bytes.byteLength % width !== 0) return `${bytes.byteLength} bytes is not a whole number of ${width}-byte values`;
  const n = bytes.byteLength / width;
  if (bytes.byteOffset % width === 0) return make(bytes.buffer as ArrayBuffer, bytes.byteOffset, n);
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return make(copy.buffer, 0, n);
}

/**
 * The series of a `packedEvals` object, checked against the same rules as the
 * arrays of `evals` (lib/ingest/upload-schema.ts evalSeriesSchema): 1 to
 * UPLOAD_LIMITS.evalsPerRun evaluations, three series of equal length, steps
 * >= 0, times finite and >= 0, metrics finite or NaN. Problems come back with
 * their path inside the object (e.g. ["times", 5]).
 */
export function decodeSeries(t: PackedText): { series: PackedSeries } | { issues: { path: (string | number)[]; message: string }[] } {
  const steps = decode(t.steps, STEP_BYTES, (b, o, n) => new Int32Array(b, o, n));
  const times = decode(t.times, VALUE_BYTES, (b, o, n) => new Float64Array(b, o, n));
  const metrics = decode(t.metrics, VALUE_BYTES, (b, o, n) => new Float64Array(b, o, n));
  const issues: { path: (string | number)[]; message: string }[] = [];
  for (const [key, v] of [
    ["steps", steps],
    ["times", times],
    ["metrics", metrics],
  ] as const) {
    if (typeof v === "string") issues.push({ path: [key], message: v });
    else if (v.length < 1) issues.push({ path: [key], message: "needs at least one evaluation" });
    else if (v.length > UPLOAD_LIMITS.evalsPerRun) issues.push({ path: [key], message: `at most ${UPLOAD_LIMITS.evalsPerRun} evaluations` });
  }
  if (typeof steps === "string" || typeof times === "string" || typeof metrics === "string" || issues.length) return { issues };
  for (const [key, v] of [
    ["times", times],
    ["metrics", metrics],
  ] as const) {
    if (v.length !== steps.length) issues.push({ path: [key], message: `has ${v.length} values but steps has ${steps.length}; the three series are parallel` });
  }
  const bad = firstBad(steps, times, metrics);
  if (bad) issues.push(bad);
  return issues.length ? { issues } : { series: { steps, times: canonical(times), metrics: canonical(metrics) } };
}

/** The first value that breaks evalSeriesSchema's element rules (steps are Int32, so <= INT32_MAX holds by construction). */
function firstBad(steps: Int32Array, times: Float64Array, metrics: Float64Array): { path: (string | number)[]; message: string } | null {
  for (let i = 0; i < steps.length; i++) if (steps[i]! < 0) return { path: ["steps", i], message: `step must be >= 0 (and <= ${INT32_MAX})` };
  for (let i = 0; i < times.length; i++) {
    const v = times[i]!;
    if (!Number.isFinite(v)) return { path: ["times", i], message: "expected a finite number (time)" };
    if (v < 0) return { path: ["times", i], message: "time must be >= 0" };
  }
  for (let i = 0; i < metrics.length; i++) {
    const v = metrics[i]!;
    if (v === Infinity || v === -Infinity) return { path: ["metrics", i], message: "expected a finite number or NaN (metric); NaN = no finite value" };
  }
  return null;
}
