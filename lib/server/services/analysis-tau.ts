// Tau sensitivity: GET /api/v1/rounds/<round>/tau-sensitivity and its page.
// The ranking as tauMax varies (the query's tauMax is what the sweep replaces).
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { sweepTaus, TAU_SWEEP_DEFAULTS, type TauSeries } from "@/lib/scoring/analysis";
import { compute } from "@/lib/server/compute/pool";
import { parseParams } from "@/lib/server/query-params";
import { analysisHead, type AnalysisHead } from "./analysis-common";
import { loadPool, poolRequest, readPoolView } from "./pool";
import { parseScoreParams, type ScoreQuery } from "./scores";

export const tauParamsSchema = z.object({
  from: z.number().gt(1).max(1000).default(TAU_SWEEP_DEFAULTS.from),
  to: z.number().gt(1).max(1000).default(TAU_SWEEP_DEFAULTS.to),
  steps: z.number().int().min(2).max(100).default(TAU_SWEEP_DEFAULTS.steps),
}).refine((s) => s.to > s.from, { message: "must be greater than from", path: ["to"] });
export type TauParams = z.infer<typeof tauParamsSchema>;

export function parseTauParams(params: URLSearchParams): { query: ScoreQuery; sweep: TauParams } {
  return { query: parseScoreParams(params), sweep: parseParams(tauParamsSchema, params, { numbers: ["from", "to", "steps"] }) };
}

export interface TauReport extends AnalysisHead {
  taus: number[];
  series: (Omit<TauSeries, "name"> & { key: string })[];
  leaders: string[][];
  rankingChanges: number;
}

export async function tauSensitivityOfPool(db: Db, roundSlug: string, query: ScoreQuery, sweep: Partial<TauParams> = {}): Promise<TauReport> {
  const { from, to, steps } = tauParamsSchema.parse(sweep);
  // tauMax is the swept parameter: a tauMax in the query does not change the result or its cache entry.
  const request = poolRequest(roundSlug, { ...query, tauMax: undefined });
  return readPoolView(db, `tau|${from}|${to}|${steps}`, request, async (versions) => {
    const pool = await loadPool(db, request, versions);
    const result = await compute({ kind: "tauSweep", input: pool.input, settings: pool.settings, taus: sweepTaus(from, to, steps) });
    return {
      ...analysisHead(pool, result.settings),
      taus: result.taus,
      series: result.series.map(({ name, ...s }) => ({ key: name, ...s })),
      leaders: result.leaders,
      rankingChanges: result.rankingChanges,
    };
  });
}
