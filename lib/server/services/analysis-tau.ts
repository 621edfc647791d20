// Tau sensitivity: GET /api/v1/rounds/<round>/tau-sensitivity and its page.
// The ranking as tauMax varies (the query's tauMax is what the sweep replaces).
import "server-only";
import type { Db } from "@/lib/db/client";
import { tauParamsSchema, type TauParams } from "@/lib/server/schemas/analysis-tau";
import { sweepTaus, type TauSeries } from "@/lib/scoring/analysis";
import { compute } from "@/lib/server/compute/pool";
import { analysisHead, type AnalysisHead } from "./analysis-common";
import { loadPool, poolRequest, readPoolView } from "./pool";
import type { ScoreQuery } from "@/lib/server/schemas/scores";

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
