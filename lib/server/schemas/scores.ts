// GET …/scores: the query of a scores request (`pool=a,b&tauMax=4…`), also the
// scoring part of every analysis endpoint's query. pool.ts applies it.
import { z } from "zod";
import { parseParams } from "@/lib/server/query-params";
import { integrationParam, pointsParam, scaleParam, tauMaxParam } from "@/lib/views/scoring-params";

/** Query of a scores request; every field is optional (the round's defaults apply). */
export const scoreQuerySchema = z.object({
  /** Submission slugs; "<round>/<slug>" takes a submission from another round. Default: the round's default pool. */
  pool: z.array(z.string().min(1).max(300)).max(20_000).optional(),
  tauMax: tauMaxParam.optional(),
  points: pointsParam.optional(),
  scale: scaleParam.optional(),
  integration: integrationParam.optional(),
  /** Pool member whose times are the ratio denominators (docs/scoring.md §4.2) instead of the pool best. */
  reference: z.string().min(1).max(300).optional(),
  /**
   * Score a pool mixing benchmark versions, hardware or workload sets on the
   * workloads they share, flagged as `mixed` (docs/hosting-a-round.md); else such a pool is a 400.
   */
  allowMixed: z.union([z.boolean(), z.enum(["1", "true", "0", "false"]).transform((v) => v === "1" || v === "true")]).optional(),
});
export type ScoreQuery = z.infer<typeof scoreQuerySchema>;

/** URL query parameters (`pool=a,b&tauMax=4...`) → a ScoreQuery, naming the bad parameter. */
export function parseScoreParams(params: URLSearchParams): ScoreQuery {
  return parseParams(scoreQuerySchema, params, {
    numbers: ["tauMax", "points"],
    strings: ["scale", "integration", "reference", "allowMixed"],
    lists: ["pool"],
  });
}
