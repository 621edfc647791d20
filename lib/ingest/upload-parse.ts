// Parsing an upload body against lib/ingest/upload-schema.ts, fast. zod runs
// its checks value by value, about 1 µs each, and the eval series are nearly
// all of a body: one AlgoPerf round from raw logs is ~1M values, i.e. about a
// second of the server's time per round (node --cpu-prof of
// `npm run bench:upload-logs`, docs/performance.md). Here the three series
// arrays are checked by one plain loop each, against the same rules as the
// schema's elements; everything else goes through the schema as it is. Only
// when something fails is the body parsed again by the full schema, so a bad
// upload gets exactly the schema's issues, paths and messages.
//
// Runs in the shape the CLI sends (packedEvals, the common fields) go faster
// still (packedRun): checked by plain code against the same rules, the series
// decoded by the schema's own decodeSeries. zod's object, record and nullable
// wrappers cost ~25 µs a run there, ~0.1 s of the web processes' CPU for one
// AlgoPerf round (issue 12). packedRun only ever accepts what the schema
// accepts, giving what it gives (tests/unit/ingest/upload-parse.test.ts probes
// every field at its bounds against the schema); for anything else, right or
// wrong, it hands over to the paths above.
import { z } from "zod";
import { unstorableText } from "@/lib/db/text";
import { decodeSeries, maxBase64Length, STEP_BYTES, VALUE_BYTES } from "./packed-evals";
import {
  evalSeriesSchema,
  INT32_MAX,
  jsonProblem,
  provenanceSchema,
  SLUG,
  UPLOAD_LIMITS,
  uploadRunSchema,
  uploadSchema,
  type Upload,
  type UploadInput,
  type UploadRun,
} from "./upload-schema";

/** An array of 1 to UPLOAD_LIMITS.evalsPerRun values that all pass `valid` (evalSeriesSchema's bounds). */
function series<T>(valid: (v: unknown) => boolean) {
  return z.custom<T[]>((value) => {
    if (!Array.isArray(value) || value.length < 1 || value.length > UPLOAD_LIMITS.evalsPerRun) return false;
    for (let i = 0; i < value.length; i++) if (!valid(value[i])) return false;
    return true;
  });
}

// The element rules of evalSeriesSchema: z.number() accepts finite numbers only.
const isStep = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= INT32_MAX;
const isTime = (v: unknown) => typeof v === "number" && Number.isFinite(v) && v >= 0;
const isMetric = (v: unknown) => v === null || (typeof v === "number" && Number.isFinite(v));

// safeExtend keeps each object's strictness and refinements (the parallel-array check, the run and batch rules).
const fastEvals = evalSeriesSchema.safeExtend({ steps: series<number>(isStep), times: series<number>(isTime), metrics: series<number | null>(isMetric) });
const fastRun = uploadRunSchema.safeExtend({ evals: fastEvals.nullish() });
const fastUpload = uploadSchema.safeExtend({ runs: z.array(fastRun).min(1).max(UPLOAD_LIMITS.runs) });

/**
 * The upload as uploadSchema.parse returns it.
 * @throws z.ZodError with uploadSchema's issues when the body is invalid.
 */
export function parseUpload(raw: unknown): Upload {
  const runs = packedRuns(raw);
  if (runs) {
    const parsed = checkedRunsUpload.safeParse({ ...(raw as object), runs });
    if (parsed.success) return parsed.data as Upload;
  }
  const fast = fastUpload.safeParse(raw);
  return fast.success ? (fast.data as Upload) : uploadSchema.parse(raw);
}

/** The envelope's rules (round, replace, submissions, the batch's duplicates) over runs packedRun has parsed already. */
const checkedRunsUpload = uploadSchema.safeExtend({
  // Typed as the schema's runs: their elements arrive parsed and pass through unchanged.
  runs: z
    .array(z.custom(() => true))
    .min(1)
    .max(UPLOAD_LIMITS.runs) as unknown as typeof uploadSchema.shape.runs,
});

/** Every run of the body through packedRun, or undefined when one of them (or the body's shape) needs the schema. */
function packedRuns(raw: unknown): UploadRun[] | undefined {
  if (!plainObject(raw) || !Array.isArray(raw.runs) || raw.runs.length < 1 || raw.runs.length > UPLOAD_LIMITS.runs) return undefined;
  const runs: UploadRun[] = new Array<UploadRun>(raw.runs.length);
  for (let i = 0; i < runs.length; i++) {
    const run = packedRun(raw.runs[i]);
    if (!run) return undefined;
    runs[i] = run;
  }
  return runs;
}

const RUN_KEYS = new Set(Object.keys(uploadRunSchema.shape));
const PROVENANCE_KEYS = new Set(Object.keys(provenanceSchema.shape));
const PACKED_KEYS = new Set(["metricName", "steps", "times", "metrics"]);

/** An object as JSON.parse makes it (zod's records and objects take these). */
function plainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

const absent = (v: unknown) => v === undefined || v === null;
/** upload-schema's text(max) (with .min(1) when `min` is 1). */
const isText = (v: unknown, max: number, min = 0) => typeof v === "string" && v.length >= min && v.length <= max && unstorableText(v) === null;
const optionalText = (v: unknown, max: number, min = 0) => absent(v) || isText(v, max, min);
/** upload-schema's count(what, max): an integer in [0, max]. */
const isCount = (v: unknown, max: number) => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= max;
const optionalCount = (v: unknown, max: number) => absent(v) || isCount(v, max);

/**
 * uploadRunSchema's parse of a run that sends packedEvals (and neither
 * timeToTarget nor evals), by plain code; undefined when the schema must
 * decide. Each line is the schema's rule for that field (upload-schema.ts).
 */
export function packedRun(r: unknown): UploadRun | undefined {
  if (!plainObject(r)) return undefined;
  for (const key of Object.keys(r)) if (!RUN_KEYS.has(key)) return undefined;
  if (!absent(r.timeToTarget) || !absent(r.evals) || !plainObject(r.packedEvals)) return undefined;
  const ok =
    typeof r.submission === "string" &&
    r.submission.length >= 1 &&
    r.submission.length <= 100 &&
    SLUG.test(r.submission) &&
    isText(r.workload, 100, 1) &&
    isCount(r.study, 10_000) &&
    isCount(r.trial, 10_000) &&
    optionalCount(r.position, 1_000_000) &&
    optionalText(r.clientRunId, 200, 1) &&
    (absent(r.bestMetric) || (typeof r.bestMetric === "number" && Number.isFinite(r.bestMetric))) &&
    optionalText(r.hardware, 200) &&
    optionalText(r.framework, 100) &&
    optionalText(r.codeCommit, 100) &&
    optionalText(r.notes, 5000) &&
    (absent(r.hyperparameters) || (plainObject(r.hyperparameters) && jsonProblem(r.hyperparameters, [], { entries: UPLOAD_LIMITS.jsonEntries }) === null)) &&
    (absent(r.provenance) || provenanceOk(r.provenance));
  if (!ok) return undefined;
  const p = r.packedEvals;
  for (const key of Object.keys(p)) if (!PACKED_KEYS.has(key)) return undefined;
  if (!optionalText(p.metricName, 200)) return undefined;
  const widths = { steps: STEP_BYTES, times: VALUE_BYTES, metrics: VALUE_BYTES } as const;
  for (const key of ["steps", "times", "metrics"] as const) {
    const v = p[key];
    if (typeof v !== "string" || v.length > maxBase64Length(widths[key])) return undefined;
  }
  const decoded = decodeSeries(p as { steps: string; times: string; metrics: string });
  if (!("series" in decoded)) return undefined;
  // What packedEvalSeriesSchema's transform returns.
  return { ...r, packedEvals: { metricName: p.metricName, ...decoded.series } } as unknown as UploadRun;
}

/** provenanceSchema's rules. */
function provenanceOk(v: unknown): boolean {
  if (!plainObject(v)) return false;
  for (const key of Object.keys(v)) if (!PROVENANCE_KEYS.has(key)) return false;
  return (
    optionalText(v.gpuModel, 200) &&
    optionalCount(v.gpuCount, 1_000_000) &&
    optionalText(v.gpuDriver, 100) &&
    optionalText(v.cpuModel, 200) &&
    optionalCount(v.cpuCount, 1_000_000) &&
    (absent(v.seed) || (typeof v.seed === "number" && Number.isSafeInteger(v.seed))) &&
    optionalText(v.gitBranch, 200) &&
    optionalText(v.python, 100) &&
    optionalText(v.os, 200) &&
    optionalText(v.source, 200)
  );
}

/**
 * parseUpload as a tRPC input parser, typed like uploadSchema (the client
 * sends UploadInput, the procedure gets Upload); `schema` is what it enforces
 * (tests/unit/security/bounds.test.ts checks its bounds like every other input's).
 */
export const uploadInputParser: { _input: UploadInput; _output: Upload; schema: typeof uploadSchema; parseAsync: (raw: unknown) => Promise<Upload> } = {
  _input: undefined as unknown as UploadInput,
  _output: undefined as unknown as Upload,
  schema: uploadSchema,
  parseAsync: async (raw) => parseUpload(raw),
};
