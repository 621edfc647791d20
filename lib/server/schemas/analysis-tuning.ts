// GET …/tuning: the scores query plus the `baseline` restricted to k trials.
import { z } from "zod";
import { parseParams } from "@/lib/server/query-params";
import { parseScoreParams, type ScoreQuery } from "./scores";

export const tuningParamsSchema = z.object({
  /** The member restricted to k trials; default: the member with slug "baseline", if any. */
  baseline: z.string().min(1).max(200).optional(),
});
export type TuningParams = z.infer<typeof tuningParamsSchema>;

export function parseTuningParams(params: URLSearchParams): { query: ScoreQuery; options: TuningParams } {
  return { query: parseScoreParams(params), options: parseParams(tuningParamsSchema, params, { strings: ["baseline"] }) };
}
