// GET /api/v1/rounds/<round>/calibration?pool=a,b&k=3 (+ every scores parameter)
// – the paper's selection metric (geometric-mean time-to-target) and targets reached for every configuration, top k per algorithm x horizon.
import { db } from "@/lib/db/client";
import { stringifyScoring } from "@/lib/scoring";
import { forRequest } from "@/lib/server/compute/pool";
import { errorResponse } from "@/lib/server/errors";
import { calibrationOfPool, parseCalibrationParams } from "@/lib/server/services/analysis-calibration";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ round: string }> }) {
  try {
    const { round } = await params;
    const { query, k } = parseCalibrationParams(new URL(req.url).searchParams);
    return new Response(stringifyScoring(await forRequest(req, () => calibrationOfPool(db(), round, query, k))), { headers: { "content-type": "application/json; charset=utf-8" } });
  } catch (error) {
    return errorResponse(error);
  }
}
