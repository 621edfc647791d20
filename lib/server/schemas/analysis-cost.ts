// GET …/cost: the scores query plus `pricePerGpuHour`.
import { z } from "zod";
import { parseParams } from "@/lib/server/query-params";
import { parseScoreParams, type ScoreQuery } from "./scores";

export const costParamsSchema = z.object({
  pricePerGpuHour: z.number().gt(0).max(1e6).optional(),
});
export type CostParams = z.infer<typeof costParamsSchema>;

export function parseCostParams(params: URLSearchParams): { query: ScoreQuery; options: CostParams } {
  return { query: parseScoreParams(params), options: parseParams(costParamsSchema, params, { numbers: ["pricePerGpuHour"] }) };
}
