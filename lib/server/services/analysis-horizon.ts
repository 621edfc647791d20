// Horizon view: GET /api/v1/rounds/<round>/horizon and its page. Score and
// targets hit per base algorithm as a function of the training horizon.
import "server-only";
import type { Db } from "@/lib/db/client";
import { horizonView, type HorizonSeries } from "@/lib/scoring/analysis";
import { analysisHead, configurationsOf, type AnalysisHead } from "./analysis-common";
import { loadPool, poolRequest, readPoolView, scoreLoaded } from "./pool";
import type { ScoreQuery } from "./scores";

export interface HorizonReport extends AnalysisHead {
  /** Number of base workloads (the maximum of targets hit). */
  workloads: number;
  /** Base algorithms run at two or more horizons; member names are pool keys. */
  series: HorizonSeries[];
  /** One line per algorithm: its best horizon and how much its score swings with the horizon; null when there are no series. */
  summary: string | null;
}

export async function horizonOfPool(db: Db, roundSlug: string, query: ScoreQuery): Promise<HorizonReport> {
  const request = poolRequest(roundSlug, query);
  return readPoolView(db, `horizon`, request, async (versions) => {
    const pool = await loadPool(db, request, versions);
    const result = await scoreLoaded(pool);
    const series = horizonView(result, configurationsOf(pool));
    const pct = (h: number) => `${Math.round(h * 100)}%`;
    return {
      ...analysisHead(pool, result.settings),
      workloads: result.workloads.length,
      series,
      summary: series.length
        ? `Best horizon: ${series.map((s) => `${s.baseAlgorithm} ${pct(s.bestHorizon)} (score swing ${s.scoreSwing.toFixed(3)})`).join("; ")}.`
        : null,
    };
  });
}
