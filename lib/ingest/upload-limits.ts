// The bounds of one upload request and the identity of a run, without the
// schema (lib/ingest/upload-schema.ts re-exports them): the CLI needs them
// before it sends anything, and loading zod costs it ~0.15 s of start-up.
/** Limits of one upload request (documented in README "Uploading results"). */
export const UPLOAD_LIMITS = {
  /** Runs per request; split larger uploads (the CLI batches on its own). */
  runs: 10_000,
  /** Submission declarations per request. */
  submissions: 100,
  /** Evaluations in one run's eval series. */
  evalsPerRun: 100_000,
  /** Request body in bytes (32 MiB); larger bodies get HTTP 413. */
  bodyBytes: 32 * 1024 * 1024,
  /** A hyperparameters object: nesting depth, keys and values at all levels, key and string lengths. */
  jsonDepth: 8,
  jsonEntries: 1000,
  jsonKeyLength: 200,
  jsonStringLength: 5000,
} as const;

/**
 * Largest value of a PostgreSQL integer column (Run.steps; RunEvals.steps packs Int32s,
 * Submission.searchRank, ...): the schema's bounds never exceed the columns',
 * so an accepted value is always storable (never a database error, i.e. a 500).
 */
export const INT32_MAX = 2_147_483_647;

/** A submission's slug, by which URLs, pools and the CLI name it (the schema's `slug`). */
export const SLUG = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const SLUG_MAX_LENGTH = 100;
export const SLUG_RULE = "letters, digits, '.', '_' and '-' only, starting with a letter or digit";

/** Why `s` cannot be a slug (the schema's messages), or null when it can. */
export function slugProblem(s: string): string | null {
  if (s.length === 0) return "must not be empty";
  if (s.length > SLUG_MAX_LENGTH) return `at most ${SLUG_MAX_LENGTH} characters`;
  return SLUG.test(s) ? null : SLUG_RULE;
}

/** submission/workload/study/trial: the natural identity of a run. */
export function runIdentity(r: { submission: string; workload: string; study: number; trial: number }): string {
  return `${r.submission}/${r.workload}/study_${r.study}/trial_${r.trial}`;
}
