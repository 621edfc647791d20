// GET …/robustness: the scores query plus `seed` and `resamples`.
import { z } from "zod";
import { parseParams } from "@/lib/server/query-params";
import { RESAMPLE_NUMBERS, resampleFields } from "./resampling";
import { parseScoreParams, type ScoreQuery } from "./scores";

export const robustnessParamsSchema = z.object(resampleFields);
export type RobustnessParams = z.infer<typeof robustnessParamsSchema>;

export function parseRobustnessParams(params: URLSearchParams): { query: ScoreQuery; options: RobustnessParams } {
  return { query: parseScoreParams(params), options: parseParams(robustnessParamsSchema, params, { numbers: RESAMPLE_NUMBERS }) };
}
