// GET …/calibration: the scores query plus `k`.
import { z } from "zod";
import { parseParams } from "@/lib/server/query-params";
import { parseScoreParams, type ScoreQuery } from "./scores";

export const calibrationParamsSchema = z.object({
  /** How many configurations per algorithm x horizon to list as the top (the paper's Appendix C/E keep 3). */
  k: z.number().int().min(1).max(50).default(3),
});

export function parseCalibrationParams(params: URLSearchParams): { query: ScoreQuery; k: number } {
  return { query: parseScoreParams(params), k: parseParams(calibrationParamsSchema, params, { numbers: ["k"] }).k };
}
