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

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Keys an object lists first, in numeric order, whatever order they were added in: array indices ("0" … "4294967294"). */
function isArrayIndex(key: string): boolean {
  if (key.length === 0 || key.length > 10 || (key.length > 1 && key.charCodeAt(0) === 48)) return false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return Number(key) <= 4294967294;
}

/**
 * The JSON text of `value` with every object's keys sorted, so equal values
 * print equally whatever their key order. Stored hashes were made as
 * JSON.stringify of a copy with sorted keys (Object.fromEntries of the sorted
 * entries, which puts array-index keys first, in numeric order): this prints
 * that same text without the copies (tests/unit/ingest/run-hash.test.ts
 * compares the two). undefined where JSON.stringify gives undefined.
 */
export function canonicalJson(value: unknown): string | undefined {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) out += `${i > 0 ? "," : ""}${canonicalJson(value[i]) ?? "null"}`;
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  let keys = Object.keys(object).sort(byCodeUnit);
  if (keys.some(isArrayIndex)) keys = [...keys.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b)), ...keys.filter((k) => !isArrayIndex(k))];
  let out = "{";
  for (const key of keys) {
    const text = canonicalJson(object[key]);
    if (text === undefined) continue;
    out += `${out.length > 1 ? "," : ""}${JSON.stringify(key)}:${text}`;
  }
  return `${out}}`;
}

/**
 * Hashes of runs with an eval series start with this: the series go into the
 * hash as their packed bytes (lib/ingest/packed-evals.ts), not as number text.
 * Printing ~1M numbers as JSON text for the hash was ~15% of the server's time
 * on a round of raw logs. Runs stored before carry the older hash (no prefix):
 * sameContent recognises both.
 */
export const PACKED_HASH_PREFIX = "2:";

/**
 * The JSON text of the run's content list, in a fixed order, so the hash does
 * not depend on how the object was built: the outcome, then `series` (item 7:
 * "null" for a hashed packed series, which follows as bytes), then the
 * provenance list and the provenance, each appended only when present, so
 * runs stored before they existed keep their hash.
 */
function contentText(run: HashedRunContent, series = "null"): string {
  const head = JSON.stringify([run.reached, run.timeSeconds, run.timeFraction, run.steps, run.firstHitIndex, run.bestMetric, run.position]);
  let text = `${head.slice(0, -1)},${series}`;
  const list = [run.hardware, run.framework, run.codeCommit, run.notes].map((v) => v ?? null);
  if (run.hyperparameters || list.some((v) => v !== null)) {
    text += `,${JSON.stringify(list).slice(0, -1)},${run.hyperparameters ? canonicalJson(run.hyperparameters) : "null"}]`;
  }
  if (run.provenance) text += `,${canonicalJson(run.provenance)}`;
  return `${text}]`;
}

export function runContentHash(run: HashedRunContent): string {
  if (!run.evals) return createHash("sha256").update(contentText(run)).digest("hex");
  // Item 7 (null above) stands for the series, which follow as bytes: their
  // length first, then each series (fixed widths), so the stream has one reading.
  const e = run.evals;
  const hash = createHash("sha256")
    .update(contentText(run))
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
  const series = JSON.stringify([Array.from(e.steps), Array.from(e.times), Array.from(e.metrics)]);
  return stored === createHash("sha256").update(contentText(run, series)).digest("hex");
}
