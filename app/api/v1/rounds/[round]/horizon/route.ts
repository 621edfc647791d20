// GET /api/v1/rounds/<round>/horizon?pool=a,b (+ every scores parameter)
// – score and targets hit per base algorithm as a function of the training horizon (selected configuration and spread over ranks).
import { db } from "@/lib/db/client";
import { stringifyScoring } from "@/lib/scoring";
import { forRequest } from "@/lib/server/compute/pool";
import { errorResponse } from "@/lib/server/errors";
import { horizonOfPool } from "@/lib/server/services/analysis-horizon";
import { parseScoreParams } from "@/lib/server/services/scores";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ round: string }> }) {
  try {
    const { round } = await params;
    const query = parseScoreParams(new URL(req.url).searchParams);
    return new Response(stringifyScoring(await forRequest(req, () => horizonOfPool(db(), round, query))), { headers: { "content-type": "application/json; charset=utf-8" } });
  } catch (error) {
    return errorResponse(error);
  }
}
