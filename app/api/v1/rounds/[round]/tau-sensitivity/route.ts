// GET /api/v1/rounds/<round>/tau-sensitivity?pool=a,b&from=1.25&to=4&steps=12 (+ every scores parameter but tauMax, which is swept)
// – score and competition rank of every member at each tauMax.
import { db } from "@/lib/db/client";
import { stringifyScoring } from "@/lib/scoring";
import { forRequest } from "@/lib/server/compute/pool";
import { errorResponse } from "@/lib/server/errors";
import { parseTauParams, tauSensitivityOfPool } from "@/lib/server/services/analysis-tau";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ round: string }> }) {
  try {
    const { round } = await params;
    const { query, sweep } = parseTauParams(new URL(req.url).searchParams);
    return new Response(stringifyScoring(await forRequest(req, () => tauSensitivityOfPool(db(), round, query, sweep))), { headers: { "content-type": "application/json; charset=utf-8" } });
  } catch (error) {
    return errorResponse(error);
  }
}
