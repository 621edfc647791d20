// Content hash of a run: equal hashes mean a re-sent run is unchanged
// (idempotent ingest); a different hash under the same identity is a conflict.
import { createHash } from "node:crypto";

export interface HashedRunContent {
  reached: boolean;
  timeSeconds: number | null;
  timeFraction: number | null;
  steps: number | null;
  firstHitIndex: number | null;
  bestMetric: number | null;
  position: number;
  evals?: { steps: number[]; times: number[]; metrics: number[] } | null;
}

export function runContentHash(run: HashedRunContent): string {
  // Fixed key order so the hash does not depend on how the object was built.
  const canonical = JSON.stringify([
    run.reached,
    run.timeSeconds,
    run.timeFraction,
    run.steps,
    run.firstHitIndex,
    run.bestMetric,
    run.position,
    run.evals ? [run.evals.steps, run.evals.times, run.evals.metrics] : null,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}
