// The query of a scores request, shared by scores.ts (which parses it) and
// pool.ts (which applies it): its own file, so neither imports the other back.
import { z } from "zod";

/** Query of a scores request; every field is optional (the round's defaults apply). */
export const scoreQuerySchema = z.object({
  /** Submission slugs; "<round>/<slug>" takes a submission from another round. Default: the round's default pool. */
  pool: z.array(z.string().min(1).max(300)).max(20_000).optional(),
  tauMax: z.number().gt(1).max(1000).optional(),
  points: z.number().int().min(2).max(10_000).optional(),
  scale: z.enum(["linear", "log"]).optional(),
  integration: z.enum(["trapezoid", "exact"]).optional(),
  /** Pool member whose times are the ratio denominators (docs/scoring.md §4.2) instead of the pool best. */
  reference: z.string().min(1).max(300).optional(),
  /**
   * Score a pool mixing benchmark versions, hardware or workload sets on the
   * workloads they share, flagged as `mixed` (docs/hosting-a-round.md); else such a pool is a 400.
   */
  allowMixed: z.union([z.boolean(), z.enum(["1", "true", "0", "false"]).transform((v) => v === "1" || v === "true")]).optional(),
});
export type ScoreQuery = z.infer<typeof scoreQuerySchema>;
