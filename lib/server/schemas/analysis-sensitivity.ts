// GET …/sensitivity: the scores query plus the `submission` taken out of (or put into) the pool.
import { z } from "zod";
import { parseParams } from "@/lib/server/query-params";
import { parseScoreParams, type ScoreQuery } from "./scores";

export const sensitivityParamsSchema = z.object({
  /** Slug of the submission to take out of (or put into) the pool; "<round>/<slug>" for another round. */
  submission: z.string().min(1).max(300).optional(),
});

export function parseSensitivityParams(params: URLSearchParams): { query: ScoreQuery; submission: string | undefined } {
  return { query: parseScoreParams(params), submission: parseParams(sensitivityParamsSchema, params, { strings: ["submission"] }).submission };
}
