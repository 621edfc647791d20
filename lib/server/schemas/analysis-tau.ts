// GET …/tau-sensitivity: the scores query plus the sweep of tauMax (`from`, `to`, `steps`).
import { z } from "zod";
import { TAU_SWEEP_DEFAULTS } from "@/lib/scoring/analysis";
import { parseParams } from "@/lib/server/query-params";
import { parseScoreParams, type ScoreQuery } from "./scores";

export const tauParamsSchema = z
  .object({
    from: z.number().gt(1).max(1000).default(TAU_SWEEP_DEFAULTS.from),
    to: z.number().gt(1).max(1000).default(TAU_SWEEP_DEFAULTS.to),
    steps: z.number().int().min(2).max(100).default(TAU_SWEEP_DEFAULTS.steps),
  })
  .refine((s) => s.to > s.from, { message: "must be greater than from", path: ["to"] });
export type TauParams = z.infer<typeof tauParamsSchema>;

export function parseTauParams(params: URLSearchParams): { query: ScoreQuery; sweep: TauParams } {
  return { query: parseScoreParams(params), sweep: parseParams(tauParamsSchema, params, { numbers: ["from", "to", "steps"] }) };
}
