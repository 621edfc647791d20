// Calibration view: GET /api/v1/rounds/<round>/calibration and its page. The
// paper's selection metric for every configuration, top k per algorithm x horizon.
import "server-only";
import type { Db } from "@/lib/db/client";
import { calibrationView, type CalibrationView } from "@/lib/scoring/analysis";
import { AppError } from "@/lib/server/errors";
import { analysisHead, configurationsOf, type AnalysisHead } from "./analysis-common";
import { loadPool, poolRequest, readPoolView, scoreLoaded, scoringOrBadRequest } from "./pool";
import type { ScoreQuery } from "@/lib/server/schemas/scores";

export interface CalibrationReport extends AnalysisHead, CalibrationView {
  /** What replaces a missed target in the geometric mean, per base workload (in the round's time unit). */
  missValues: Record<string, number>;
  metric: string;
}

export const CALIBRATION_METRIC =
  "Geometric mean of time-to-target over the base workloads (the per-workload medians before the held-out and 4x rules), a miss counted as " +
  "the budget + 1 s (compute_speedups.py; on the fraction basis (budget + 1) / budget), smaller is better; ties go to more targets reached.";

export async function calibrationOfPool(db: Db, roundSlug: string, query: ScoreQuery, k = 3): Promise<CalibrationReport> {
  const request = poolRequest(roundSlug, query);
  return readPoolView(db, `calibration|${k}`, request, async (versions) => {
    const pool = await loadPool(db, request, versions);
    const missValues = pool.input.missValues;
    if (!missValues)
      throw new AppError("BAD_REQUEST", `round "${roundSlug}" has a workload without a budget, so a missed target has no time for the geometric mean`);
    const result = await scoreLoaded(pool);
    const view = scoringOrBadRequest(() => calibrationView(result, configurationsOf(pool), k));
    return { ...analysisHead(pool, result.settings), ...view, missValues: { ...missValues }, metric: CALIBRATION_METRIC };
  });
}
