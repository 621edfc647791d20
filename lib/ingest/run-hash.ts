// Content hash of a run: equal hashes mean a re-sent run is unchanged
// (idempotent ingest); a different hash under the same identity is a conflict.
import { createHash } from "node:crypto";
import { bytesOf, type PackedSeries } from "./packed-evals";
import type { RunOutcome } from "./run-outcome";

export interface HashedRunContent extends RunOutcome {
  position: number;
  evals?: PackedSeries | null;
  // Provenance sent with an upload: a re-send that changes any of it is a
  // change, not "unchanged" (it would otherwise be silently dropped).
  hardware?: string | null;
  framework?: string | null;
  codeCommit?: string | null;
  notes?: string | null;
  hyperparameters?: Record<string, unknown> | null;
  provenance?: Record<string, unknown> | null;
}

/** A copy with every object's keys sorted, so equal values serialise equally whatever their key order. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}

/**
 * Hashes of runs with an eval series start with this: the series go into the
 * hash as their packed bytes (lib/ingest/packed-evals.ts), not as number text.
 * Printing ~1M numbers as JSON text for the hash was ~15% of the server's time
 * on a round of raw logs. Runs stored before carry the older hash (no prefix):
 * sameContent recognises both.
 */
export const PACKED_HASH_PREFIX = "2:";

/** The fields of a run other than its series, in a fixed order, so the hash does not depend on how the object was built. */
function contentFields(run: HashedRunContent): unknown[] {
  const content: unknown[] = [run.reached, run.timeSeconds, run.timeFraction, run.steps, run.firstHitIndex, run.bestMetric, run.position, null];
  // Appended only when present, so a run without provenance hashes as before.
  const provenance = [run.hardware, run.framework, run.codeCommit, run.notes, run.hyperparameters ? sortKeys(run.hyperparameters) : null].map((v) => v ?? null);
  if (provenance.some((v) => v !== null)) content.push(provenance);
  // Appended only when present too, so runs stored before it existed keep their hash.
  if (run.provenance) content.push(sortKeys(run.provenance));
  // Only the hyperparameters can hold objects, so sorting their keys makes the whole text canonical.
  return content;
}

export function runContentHash(run: HashedRunContent): string {
  const content = contentFields(run);
  if (!run.evals) return createHash("sha256").update(JSON.stringify(content)).digest("hex");
  // Item 7 (null above) stands for the series, which follow as bytes: their
  // length first, then each series (fixed widths), so the stream has one reading.
  const e = run.evals;
  const hash = createHash("sha256")
    .update(JSON.stringify(content))
    .update(`\n${e.steps.length}\n`)
    .update(bytesOf(e.steps))
    .update(bytesOf(e.times))
    .update(bytesOf(e.metrics));
  return PACKED_HASH_PREFIX + hash.digest("hex");
}

/**
 * Whether a stored hash is this run's: the current hash, or for a run stored
 * with an eval series before PACKED_HASH_PREFIX (`legacyEvals`: the caller
 * knows it from the database), the hash it was stored with then (the series
 * as JSON number text, NaN as null), computed only for such runs.
 */
export function sameContent(stored: string, run: HashedRunContent & { contentHash: string }, legacyEvals: boolean): boolean {
  if (stored === run.contentHash) return true;
  if (!legacyEvals || !run.evals || stored.startsWith(PACKED_HASH_PREFIX)) return false;
  const e = run.evals;
  const content = contentFields(run);
  content[7] = [Array.from(e.steps), Array.from(e.times), Array.from(e.metrics)];
  return stored === createHash("sha256").update(JSON.stringify(content)).digest("hex");
}
