// Parsing an upload body against lib/ingest/upload-schema.ts, fast. zod runs
// its checks value by value, about 1 µs each, and the eval series are nearly
// all of a body: one AlgoPerf round from raw logs is ~1M values, i.e. about a
// second of the server's time per round (node --cpu-prof of
// `npm run bench:upload-logs`, docs/performance.md). Here the three series
// arrays are checked by one plain loop each, against the same rules as the
// schema's elements; everything else goes through the schema as it is. Only
// when something fails is the body parsed again by the full schema, so a bad
// upload gets exactly the schema's issues, paths and messages.
import { z } from "zod";
import { evalSeriesSchema, INT32_MAX, UPLOAD_LIMITS, uploadRunSchema, uploadSchema, type Upload, type UploadInput } from "./upload-schema";

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
  const fast = fastUpload.safeParse(raw);
  return fast.success ? (fast.data as Upload) : uploadSchema.parse(raw);
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
