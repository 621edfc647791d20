// GET …/hyperparameters: the `submission` whose trials are compared.
import { z } from "zod";
import { parseParams } from "@/lib/server/query-params";

export const hyperparameterParamsSchema = z.object({ submission: z.string().min(1).max(200) });

export function parseHyperparameterParams(params: URLSearchParams): z.infer<typeof hyperparameterParamsSchema> {
  return parseParams(hyperparameterParamsSchema, params, { strings: ["submission"] });
}
