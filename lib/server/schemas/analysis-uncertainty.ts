// GET …/uncertainty: the scores query plus `seed` and `resamples`.
import { z } from "zod";
import { parseParams } from "@/lib/server/query-params";
import { RESAMPLE_NUMBERS, resampleFields } from "./resampling";
import { parseScoreParams, type ScoreQuery } from "./scores";

export const uncertaintyParamsSchema = z.object(resampleFields);
export type UncertaintyParams = z.infer<typeof uncertaintyParamsSchema>;

export function parseUncertaintyParams(params: URLSearchParams): { query: ScoreQuery; options: UncertaintyParams } {
  return { query: parseScoreParams(params), options: parseParams(uncertaintyParamsSchema, params, { numbers: RESAMPLE_NUMBERS }) };
}
