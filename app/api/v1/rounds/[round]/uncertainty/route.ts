// GET /api/v1/rounds/<round>/uncertainty?pool=a,b&seed=1&resamples=1000 (+ every scores parameter)
// – bootstrap over studies: a 95% interval for every score and rank, and the statistically tied groups.
import { db } from "@/lib/db/client";
import { stringifyScoring } from "@/lib/scoring";
import { forRequest } from "@/lib/server/compute/pool";
import { errorResponse } from "@/lib/server/errors";
import { parseUncertaintyParams, uncertaintyOfPool } from "@/lib/server/services/analysis-uncertainty";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ round: string }> }) {
  try {
    const { round } = await params;
    const { query, options } = parseUncertaintyParams(new URL(req.url).searchParams);
    return new Response(stringifyScoring(await forRequest(req, () => uncertaintyOfPool(db(), round, query, options))), { headers: { "content-type": "application/json; charset=utf-8" } });
  } catch (error) {
    return errorResponse(error);
  }
}
