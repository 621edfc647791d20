// GET …/hyperparameters: the `submission` whose trials are compared (round-wide, no pool parameters).
import { z } from "zod";
import { parseParams } from "@/lib/server/query-params";

export const hyperparameterParamsSchema = z.object({ submission: z.string().min(1).max(200) });

/** The endpoint's query in analysisRoute's shape: `submission` only, no pool query. */
export function parseHyperparameterParams(params: URLSearchParams): { query: null; options: z.infer<typeof hyperparameterParamsSchema> } {
  return { query: null, options: parseParams(hyperparameterParamsSchema, params, { strings: ["submission"] }) };
}
