// The upload format: ONE zod schema shared by the server (tRPC `ingest.upload`
// and POST /api/v1/runs), the runner CLI, the typed client and the published
// JSON Schema (/api/v1/schema/upload.json). Shape only: checks that need the
// database (the round's workloads, stored submissions and runs) are done by
// lib/server/services/upload.ts, which reports them with the same JSON paths.
import { z } from "zod";
import { unstorableText } from "@/lib/db/text";
import { decodeSeries, maxBase64Length, STEP_BYTES, VALUE_BYTES } from "./packed-evals";
import { INT32_MAX, runIdentity, SLUG, SLUG_MAX_LENGTH, SLUG_RULE, UPLOAD_LIMITS } from "./upload-limits";

// Limits, the slug rule and run identity live in ./upload-limits (no zod: the CLI needs them at start-up); re-exported here.
export { INT32_MAX, runIdentity, SLUG, UPLOAD_LIMITS } from "./upload-limits";

/** Keys a free-form JSON object may not have: JavaScript drops or misreads them when it copies the object. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

const slug = z
  .string({ error: "expected a slug string" })
  .min(1, { error: "must not be empty" })
  .max(SLUG_MAX_LENGTH, { error: `at most ${SLUG_MAX_LENGTH} characters` })
  .regex(SLUG, { error: SLUG_RULE });

/** A free-text field: bounded, and storable as PostgreSQL text (lib/db/text.ts). */
export const text = (max: number) =>
  z
    .string({ error: "expected a string" })
    .max(max, { error: `at most ${max} characters` })
    .superRefine((s, ctx) => {
      const problem = unstorableText(s);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

/** JSON has no NaN or Infinity, and zod 4 rejects infinite numbers (1e999 parses to Infinity). */
const nonNegative = (what: string) => z.number({ error: `expected a finite number (${what})` }).min(0, { error: `${what} must be >= 0` });

/**
 * A metric value: any finite number (docs/log-reader.md R7). Metrics have no
 * common range (SSIM lies in [-1, 1] and the published v0.5 logs hold 27
 * negative validation/ssim values; a loss may be any finite number), so
 * "non-negative" would refuse real logs.
 */
const metricValue = (what: string) => z.number({ error: `expected a finite number (${what})` });

const count = (what: string, max: number) =>
  z
    .number({ error: `expected an integer (${what})` })
    .int({ error: `${what} must be an integer` })
    .min(0, { error: `${what} must be >= 0` })
    .max(max, { error: `${what} must be <= ${max}` });

/** Bounds of a free-form JSON object (it is stored as jsonb and shown on pages): the first problem found, with its path. */
export function jsonProblem(value: unknown, path: (string | number)[], budget: { entries: number }): { path: (string | number)[]; message: string } | null {
  if (path.length > UPLOAD_LIMITS.jsonDepth) return { path, message: `nested deeper than ${UPLOAD_LIMITS.jsonDepth} levels` };
  // JSON numbers past ±1.8e308 (1e400) parse to Infinity, which jsonb would store as null.
  if (typeof value === "number" && !Number.isFinite(value))
    return { path, message: "not a finite number (JSON numbers beyond ±1.8e308, e.g. 1e400, cannot be stored)" };
  if (typeof value === "string") {
    if (value.length > UPLOAD_LIMITS.jsonStringLength) return { path, message: `at most ${UPLOAD_LIMITS.jsonStringLength} characters` };
    const problem = unstorableText(value);
    return problem ? { path, message: problem } : null;
  }
  if (value === null || typeof value !== "object") return null;
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  for (const [key, v] of entries) {
    if (--budget.entries < 0) return { path, message: `at most ${UPLOAD_LIMITS.jsonEntries} keys and values in all` };
    if (typeof key === "string") {
      if (FORBIDDEN_KEYS.has(key))
        return { path: [...path, key], message: `the key "${key}" is not allowed (${[...FORBIDDEN_KEYS].join(", ")} name JavaScript object internals)` };
      if (key.length > UPLOAD_LIMITS.jsonKeyLength)
        return { path: [...path, key.slice(0, 40)], message: `keys have at most ${UPLOAD_LIMITS.jsonKeyLength} characters` };
      const problem = unstorableText(key);
      if (problem) return { path, message: `a key ${problem}` };
    }
    const inner = jsonProblem(v, [...path, key], budget);
    if (inner) return inner;
  }
  return null;
}

/**
 * zod's record leaves out a "__proto__" key without a word (its copy would
 * make it the object's prototype), so jsonProblem, which sees the copy, never
 * sees it: checked here on the value as sent, so that such a key is refused
 * like the other forbidden keys instead of being dropped.
 */
const withoutProtoKey = (value: unknown, ctx: { issues: z.core.$ZodRawIssue[] }) => {
  if (value && typeof value === "object" && Object.prototype.hasOwnProperty.call(value, "__proto__")) {
    const message = `the key "__proto__" is not allowed (${[...FORBIDDEN_KEYS].join(", ")} name JavaScript object internals)`;
    ctx.issues.push({ code: "custom", path: ["__proto__"], message, input: value });
  }
  return value;
};

const hyperparameters = z
  .preprocess(
    withoutProtoKey,
    z.record(z.string().max(UPLOAD_LIMITS.jsonKeyLength), z.unknown(), {
      // The record's own message would also replace its key's; the key's only check is its length.
      error: (issue) =>
        issue.code === "invalid_key" ? `keys have at most ${UPLOAD_LIMITS.jsonKeyLength} characters` : "expected an object of hyperparameter values",
    }),
  )
  .superRefine((value, ctx) => {
    const problem = jsonProblem(value, [], { entries: UPLOAD_LIMITS.jsonEntries });
    if (problem) ctx.addIssue({ code: "custom", path: problem.path, message: problem.message });
  })
  .meta({
    description: `Hyperparameters as a JSON object (e.g. the contents of AlgoPerf's hparams.json): at most ${UPLOAD_LIMITS.jsonDepth} levels deep and ${UPLOAD_LIMITS.jsonEntries} entries, keys up to ${UPLOAD_LIMITS.jsonKeyLength} characters, strings up to ${UPLOAD_LIMITS.jsonStringLength}.`,
  });

/** Provenance of a run, as the AlgoPerf runner's meta_data_<n>.json records it (algoperf/logger_utils.py get_meta_data). */
export const provenanceSchema = z
  .strictObject({
    gpuModel: text(200).nullish().meta({ description: "gpu_model_name, e.g. Tesla V100-SXM2-16GB." }),
    gpuCount: count("gpuCount", 1_000_000).nullish().meta({ description: "gpu_count." }),
    gpuDriver: text(100).nullish(),
    cpuModel: text(200).nullish(),
    cpuCount: count("cpuCount", 1_000_000).nullish(),
    seed: z.number({ error: "expected an integer (seed)" }).int({ error: "seed must be an integer" }).nullish().meta({ description: "rng_seed of the trial." }),
    gitBranch: text(200).nullish(),
    python: text(100).nullish().meta({ description: "python_version." }),
    os: text(200).nullish().meta({ description: "os_platform." }),
    source: text(200).nullish().meta({ description: "The file it was read from, e.g. meta_data_0.json." }),
  })
  .meta({ description: "Where the run came from (the CLI reads it from meta_data_<n>.json); framework and codeCommit have their own fields." });

export const submissionMetadataSchema = z
  .strictObject({
    slug: slug.meta({ description: "Identifier of the submission in the round, e.g. schedule_free_adamw_v2." }),
    displayName: text(200).min(1, { error: "must not be empty" }).nullish().meta({ description: "Name shown on the leaderboard; default: the slug." }),
    baseAlgorithm: text(200).nullish().meta({ description: "e.g. AdamW, NadamW, Prodigy, Schedule-Free AdamW." }),
    family: text(200).nullish().meta({ description: "e.g. adaptive baseline, learning-rate-free: distance-based, schedule-free." }),
    baseOptimizer: text(100).nullish().meta({ description: "Adam, Nadam or none." }),
    horizon: z
      .number({ error: "expected a number in (0, 1]" })
      .gt(0, { error: "horizon must be > 0" })
      .max(1, { error: "horizon must be <= 1" })
      .nullish()
      .meta({ description: "Fraction of the step budget at which the schedule decays to zero (0.33, 0.5, 0.66); null = none." }),
    searchRank: z
      .number({ error: "expected an integer >= 1" })
      .int({ error: "must be an integer" })
      .min(1, { error: "must be >= 1" })
      .max(INT32_MAX, { error: `must be <= ${INT32_MAX}` })
      .nullish(),
    hyperparameters: hyperparameters.nullish(),
    authors: text(500).nullish(),
    affiliation: text(500).nullish(),
    framework: text(100).nullish().meta({ description: "e.g. jax, pytorch." }),
    notes: text(5000).nullish(),
  })
  .meta({
    description:
      "Metadata of a submission. A submission is created by the first upload that declares it; later uploads may declare it again, " +
      "and every field they give must equal the stored value (or the owner sends replace: true to change it).",
  });

export const timeToTargetSchema = z
  .strictObject({
    reached: z.boolean({ error: "expected true or false" }).meta({ description: "Whether the trial reached the workload's validation target." }),
    seconds: nonNegative("seconds")
      .nullish()
      .meta({ description: "Accumulated submission time (AlgoPerf `score` column) at the first eval that met the target." }),
    steps: count("steps", INT32_MAX).nullish().meta({ description: "Global step of that eval." }),
    fraction: nonNegative("fraction")
      .nullish()
      .meta({ description: "Time-to-target as a fraction of the workload budget; derived by the server from seconds or steps when it can be." }),
    firstHitIndex: count("firstHitIndex", UPLOAD_LIMITS.evalsPerRun).nullish().meta({
      description: "Index of the first eval that met the target; the best trial of a study is the one with the smallest index (docs/scoring.md §2.2).",
    }),
  })
  .superRefine((t, ctx) => {
    const given = (["seconds", "steps", "fraction", "firstHitIndex"] as const).filter((k) => t[k] != null);
    if (t.reached && !given.some((k) => k !== "firstHitIndex")) {
      ctx.addIssue({ code: "custom", path: ["reached"], message: "a run that reached the target needs its time: seconds, steps or fraction" });
    }
    if (!t.reached) {
      for (const k of given) ctx.addIssue({ code: "custom", path: [k], message: `a run that did not reach the target has no ${k}; leave it out` });
    }
  })
  .meta({ description: "The trial's time-to-target, computed by the runner. Send either this or evals." });

export const evalSeriesSchema = z
  .strictObject({
    metricName: text(200).nullish().meta({ description: "Metric column the values come from, e.g. validation/ssim; checked against the workload's metric." }),
    steps: z
      .array(count("step", INT32_MAX), { error: "expected an array of integers" })
      .min(1, { error: "needs at least one evaluation" })
      .max(UPLOAD_LIMITS.evalsPerRun, { error: `at most ${UPLOAD_LIMITS.evalsPerRun} evaluations` })
      .meta({ description: "global_step of each evaluation." }),
    times: z
      .array(nonNegative("time"), { error: "expected an array of numbers" })
      .min(1, { error: "needs at least one evaluation" })
      .max(UPLOAD_LIMITS.evalsPerRun, { error: `at most ${UPLOAD_LIMITS.evalsPerRun} evaluations` })
      .meta({ description: "Accumulated submission time in seconds of each evaluation (AlgoPerf `score` = accumulated_submission_time)." }),
    metrics: z
      .array(metricValue("metric").nullable(), { error: "expected an array of numbers" })
      .min(1, { error: "needs at least one evaluation" })
      .max(UPLOAD_LIMITS.evalsPerRun, { error: `at most ${UPLOAD_LIMITS.evalsPerRun} evaluations` })
      .meta({ description: "Validation metric of each evaluation; null where the log has no finite value (it never meets the target, docs/scoring.md §1.3)." }),
  })
  .superRefine((e, ctx) => {
    for (const key of ["times", "metrics"] as const) {
      if (e[key].length !== e.steps.length) {
        ctx.addIssue({ code: "custom", path: [key], message: `has ${e[key].length} values but steps has ${e.steps.length}; the three arrays are parallel` });
      }
    }
  })
  .meta({
    description: "The trial's evaluations as parallel arrays; the server derives the time-to-target from them with the round's target (docs/scoring.md §1).",
  });

const base64Series = (what: string, width: number) =>
  z
    .string({ error: `expected a base64 string (${what})` })
    .max(maxBase64Length(width), { error: `at most ${UPLOAD_LIMITS.evalsPerRun} evaluations` })
    .meta({ description: `${what}, base64 (RFC 4648, standard or URL-safe alphabet, with padding).` });

/**
 * The same series as evalSeriesSchema, packed (lib/ingest/packed-evals.ts):
 * what the CLI sends, ~2x smaller than JSON arrays and no number text to print
 * or parse on either side. Parses to typed arrays, checked by the same rules.
 */
export const packedEvalSeriesSchema = z
  .strictObject({
    metricName: text(200).nullish().meta({ description: "As in evals." }),
    steps: base64Series("global_step of each evaluation as little-endian 32-bit integers", STEP_BYTES),
    times: base64Series("accumulated submission time in seconds of each evaluation as little-endian 64-bit floats", VALUE_BYTES),
    metrics: base64Series("validation metric of each evaluation as little-endian 64-bit floats, NaN where the log has no finite value", VALUE_BYTES),
  })
  .transform((p, ctx) => {
    const decoded = decodeSeries(p);
    if ("series" in decoded) return { metricName: p.metricName, ...decoded.series };
    for (const issue of decoded.issues) ctx.issues.push({ code: "custom", path: issue.path, message: issue.message, input: p });
    return z.NEVER;
  })
  .meta({
    description:
      "The trial's evaluations packed, instead of evals: the same three parallel series as binary values in base64 (e.g. Python: base64.b64encode(numpy.asarray(times, '<f8').tobytes())).",
  });

export const uploadRunSchema = z
  .strictObject({
    submission: slug.meta({ description: "Slug of the submission (declared in `submissions` or already stored in the round)." }),
    workload: text(100).min(1, { error: "must not be empty" }).meta({ description: "Workload key of the round, e.g. fastmri, imagenet_resnet." }),
    study: count("study", 10_000).meta({ description: "Study number (AlgoPerf study_<k>)." }),
    trial: count("trial", 10_000).meta({ description: "Trial number (AlgoPerf trial_<j>)." }),
    position: count("position", 1_000_000).nullish().meta({
      description:
        "Listing order of the trial in its study: ties on the first-hit eval index go to the lowest position (docs/scoring.md §2.2); equal positions fall back to the trial number. Default 0.",
    }),
    clientRunId: text(200).min(1, { error: "must not be empty" }).nullish().meta({ description: "Your identifier of this run; re-sending it is idempotent." }),
    timeToTarget: timeToTargetSchema.nullish(),
    evals: evalSeriesSchema.nullish(),
    packedEvals: packedEvalSeriesSchema.nullish(),
    bestMetric: metricValue("bestMetric").nullish().meta({ description: "Best validation metric of the trial; derived from evals when left out." }),
    hardware: text(200).nullish().meta({ description: "e.g. 8x NVIDIA V100." }),
    framework: text(100).nullish().meta({ description: "e.g. jax, pytorch." }),
    codeCommit: text(100).nullish().meta({ description: "Commit of the code that produced the run." }),
    hyperparameters: hyperparameters.nullish(),
    provenance: provenanceSchema.nullish(),
    notes: text(5000).nullish(),
  })
  .superRefine((r, ctx) => {
    const given = [r.timeToTarget, r.evals, r.packedEvals].filter((x) => x != null).length;
    if (given !== 1) {
      const present = (["timeToTarget", "evals", "packedEvals"] as const).filter((k) => r[k] != null);
      ctx.addIssue({
        code: "custom",
        path: [given === 0 ? "timeToTarget" : present[1]!],
        message:
          "send exactly one of timeToTarget (the time you computed) or evals (the eval series the server derives it from; or packedEvals, the same series packed)",
      });
    }
  });

export const uploadSchema = z
  .strictObject({
    round: text(100).min(1, { error: "must not be empty" }).meta({ description: "Slug of the leaderboard round, e.g. algoperf-v0.6-self-tuning." }),
    replace: z
      .boolean({ error: "expected true or false" })
      .default(false)
      .meta({ description: "Replace stored runs (and submission metadata) that differ; only for the token that created the submission, or an admin token." }),
    submissions: z
      .array(submissionMetadataSchema, { error: "expected an array of submission objects" })
      .max(UPLOAD_LIMITS.submissions, { error: `at most ${UPLOAD_LIMITS.submissions} submissions per upload` })
      .nullish()
      .meta({ description: "Submissions the runs belong to: required for a submission's first upload." }),
    runs: z
      .array(uploadRunSchema, { error: "expected an array of runs" })
      .min(1, { error: "needs at least one run" })
      .max(UPLOAD_LIMITS.runs, { error: `at most ${UPLOAD_LIMITS.runs} runs per upload; split the runs into several uploads` }),
  })
  .superRefine((u, ctx) => {
    // Duplicates inside one batch: nothing could say which of the two to keep.
    const slugs = new Map<string, number>();
    u.submissions?.forEach((s, i) => {
      const first = slugs.get(s.slug);
      if (first !== undefined)
        ctx.addIssue({ code: "custom", path: ["submissions", i, "slug"], message: `"${s.slug}" is already declared at submissions.${first}` });
      else slugs.set(s.slug, i);
    });
    const identities = new Map<string, number>();
    const clientIds = new Map<string, number>();
    u.runs.forEach((r, i) => {
      const identity = runIdentity(r);
      const first = identities.get(identity);
      if (first !== undefined) {
        ctx.addIssue({ code: "custom", path: ["runs", i], message: `same submission, workload, study and trial as runs.${first} (${identity})` });
      } else identities.set(identity, i);
      if (r.clientRunId != null) {
        const key = `${r.submission}\u0000${r.clientRunId}`;
        const firstId = clientIds.get(key);
        if (firstId !== undefined)
          ctx.addIssue({ code: "custom", path: ["runs", i, "clientRunId"], message: `"${r.clientRunId}" is already used by runs.${firstId}` });
        else clientIds.set(key, i);
      }
    });
  })
  .meta({
    title: "AlgoPerf Leaderboard upload",
    description: `A batch of runs for one round (at most ${UPLOAD_LIMITS.runs} runs, ${UPLOAD_LIMITS.bodyBytes / 1024 / 1024} MiB). The batch is atomic: if any run is invalid, nothing is written.`,
  });

export type UploadInput = z.input<typeof uploadSchema>;
export type Upload = z.output<typeof uploadSchema>;
export type UploadRun = z.output<typeof uploadRunSchema>;
export type SubmissionMetadata = z.output<typeof submissionMetadataSchema>;

/** The JSON Schema of the upload body (draft 2020-12), as published at /api/v1/schema/upload.json. */
export function uploadJsonSchema(): Record<string, unknown> {
  return {
    $id: "/api/v1/schema/upload.json",
    ...(z.toJSONSchema(uploadSchema, { target: "draft-2020-12", io: "input" }) as Record<string, unknown>),
  };
}
