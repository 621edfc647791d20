// GET …/compare (`a`, `b`, `seed`, `resamples`) and GET …/speedups (`seed`,
// `resamples`), each with the scores query of the pool they are scored in.
import { z } from "zod";
import { parseParams } from "@/lib/server/query-params";
import { RESAMPLE_NUMBERS, resampleFields } from "./resampling";
import { parseScoreParams, type ScoreQuery } from "./scores";

const submissionRef = z
  .string()
  .min(1)
  .max(300)
  .regex(/^([A-Za-z0-9._-]+\/)?[A-Za-z0-9._-]+$/, 'a submission slug, or "<round>/<slug>" for another round');
export const compareParamsSchema = z.object({ a: submissionRef, b: submissionRef, ...resampleFields });
export const speedupParamsSchema = z.object(resampleFields);
export type CompareParams = z.infer<typeof compareParamsSchema>;
export type SpeedupParams = z.infer<typeof speedupParamsSchema>;

export function parseCompareParams(params: URLSearchParams): { query: ScoreQuery; options: CompareParams } {
  return { query: parseScoreParams(params), options: parseParams(compareParamsSchema, params, { numbers: RESAMPLE_NUMBERS, strings: ["a", "b"] }) };
}
export function parseSpeedupParams(params: URLSearchParams): { query: ScoreQuery; options: SpeedupParams } {
  return { query: parseScoreParams(params), options: parseParams(speedupParamsSchema, params, { numbers: RESAMPLE_NUMBERS }) };
}
