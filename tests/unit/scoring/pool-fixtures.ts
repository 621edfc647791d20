// Small hand-made pools for the rule tests.
import type { PoolInput } from "../../../lib/scoring";

/** A pool from `{ submission: { workload: time } }`, in key order. */
export function makePool(baseWorkloads: string[], submissions: Record<string, Record<string, number>>, heldOutWorkloads: string[] = []): PoolInput {
  return {
    baseWorkloads,
    heldOutWorkloads,
    submissions: Object.entries(submissions).map(([name, times]) => ({ name, times })),
  };
}
