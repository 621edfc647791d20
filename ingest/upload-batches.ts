// Splits runs into upload requests within the server's limits (lib/ingest/upload-schema.ts
// UPLOAD_LIMITS), each carrying the declarations of the submissions its runs name.
import { UPLOAD_LIMITS } from "@/lib/ingest/upload-limits";
import type { UploadInput } from "@/lib/ingest/upload-schema";

export type RunInput = UploadInput["runs"][number];
export type SubmissionInput = NonNullable<UploadInput["submissions"]>[number];

export interface BatchOptions {
  round: string;
  replace: boolean;
  submissions: readonly SubmissionInput[];
  runs: readonly RunInput[];
  /** Runs per request (at most UPLOAD_LIMITS.runs). */
  maxRuns: number;
  /** Body bytes per request; defaults to half the server's limit, leaving room for the envelope. */
  maxBytes?: number;
}

export function batchUploads(options: BatchOptions): UploadInput[] {
  const maxRuns = Math.min(options.maxRuns, UPLOAD_LIMITS.runs);
  const maxBytes = options.maxBytes ?? UPLOAD_LIMITS.bodyBytes / 2;
  const declared = new Map(options.submissions.map((s) => [s.slug, s]));
  const batches: RunInput[][] = [];
  let current: RunInput[] = [];
  let bytes = 0;
  for (const run of options.runs) {
    const size = sizeBound(run);
    if (current.length > 0 && (current.length >= maxRuns || bytes + size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(run);
    bytes += size + 1;
  }
  if (current.length > 0) batches.push(current);
  return batches.map((runs) => {
    const slugs = [...new Set(runs.map((r) => r.submission))];
    const submissions = slugs.flatMap((s) => (declared.has(s) ? [declared.get(s)!] : []));
    return { round: options.round, replace: options.replace, ...(submissions.length ? { submissions } : {}), runs };
  });
}

/** Characters of the longest JSON number (-2.2250738585072014e-308) and its comma. */
const NUMBER_BYTES = 25;

/**
 * The run's size in the request body, or an upper bound of it: the eval
 * series are counted instead of being serialised a second time (arrays at
 * NUMBER_BYTES a value, packed series by their base64 length, which needs no
 * escaping); everything else is measured exactly.
 */
function sizeBound(run: RunInput): number {
  const p = run.packedEvals;
  if (p)
    return (
      Buffer.byteLength(JSON.stringify({ ...run, packedEvals: { ...p, steps: "", times: "", metrics: "" } })) +
      p.steps.length +
      p.times.length +
      p.metrics.length
    );
  const e = run.evals;
  if (!e) return Buffer.byteLength(JSON.stringify(run));
  const values = e.steps.length + e.times.length + e.metrics.length;
  return Buffer.byteLength(JSON.stringify({ ...run, evals: { ...e, steps: [], times: [], metrics: [] } })) + values * NUMBER_BYTES;
}

/**
 * The folders' trials in upload batches: whole submissions together up to
 * `maxRuns` runs (a larger submission is split), so that consecutive requests
 * seldom name the same submission and queue on its lock on the server, and
 * fewer requests carry the same runs (each costs ~20 queries and a
 * transaction: issue 12, docs/performance.md). The first batch is the first
 * submission alone (at most `maxRuns`): the server starts on it while the
 * CLI reads the rest.
 */
export function groupTrials<T>(submissions: readonly (readonly T[])[], maxRuns: number): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  for (const trials of submissions) {
    if (trials.length === 0) continue;
    if (current.length > 0 && (batches.length === 0 || current.length + trials.length > maxRuns)) {
      batches.push(current);
      current = [];
    }
    for (let i = 0; i < trials.length; i += maxRuns) {
      const part = trials.slice(i, i + maxRuns);
      if (current.length > 0 && current.length + part.length > maxRuns) {
        batches.push(current);
        current = [];
      }
      current.push(...part);
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
