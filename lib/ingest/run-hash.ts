// Content hash of a run: equal hashes mean a re-sent run is unchanged
// (idempotent ingest); a different hash under the same identity is a conflict.
import { createHash } from "node:crypto";
import { evalText } from "./eval-text";
import type { RunOutcome } from "./run-outcome";

export interface HashedRunContent extends RunOutcome {
  position: number;
  evals?: { steps: number[]; times: number[]; metrics: number[] } | null;
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

export function runContentHash(run: HashedRunContent): string {
  // Fixed order so the hash does not depend on how the object was built.
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
  // Appended only when present, so a run without provenance hashes as before.
  const provenance = [run.hardware, run.framework, run.codeCommit, run.notes, run.hyperparameters ? sortKeys(run.hyperparameters) : null].map((v) => v ?? null);
  if (provenance.some((v) => v !== null)) content.push(provenance);
  // Appended only when present too, so runs stored before it existed keep their hash.
  if (run.provenance) content.push(sortKeys(run.provenance));
  // Only the hyperparameters can hold objects, so sorting their keys makes the
  // whole text canonical. The eval series (hundreds of numbers a run) are
  // spliced in as the text the insert uses too (lib/ingest/eval-text.ts):
  // the result is JSON.stringify(content), character for character.
  return createHash("sha256")
    .update(contentJson(content, run.evals ?? null))
    .digest("hex");
}

/** JSON.stringify(content), whose item 7 is the eval series (or null). */
function contentJson(content: unknown[], evals: HashedRunContent["evals"]): string {
  if (!evals) return JSON.stringify(content);
  const { json } = evalText(evals);
  const series = `[${json.steps},${json.times},${json.metrics}]`;
  const head = JSON.stringify(content.slice(0, 7));
  const tail = content.length > 8 ? `,${JSON.stringify(content.slice(8)).slice(1)}` : "]";
  return `${head.slice(0, -1)},${series}${tail}`;
}
