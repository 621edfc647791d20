// GET /api/v1/rounds/<round>/sensitivity?pool=a,b&submission=<slug> (+ every scores parameter)
// – every other member's score and rank with and without <slug>; without `submission`, the leave-one-out table (pools up to 300).
import { db } from "@/lib/db/client";
import { stringifyScoring } from "@/lib/scoring";
import { forRequest } from "@/lib/server/compute/pool";
import { errorResponse } from "@/lib/server/errors";
import { parseSensitivityParams, sensitivityOfPool } from "@/lib/server/services/analysis-sensitivity";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ round: string }> }) {
  try {
    const { round } = await params;
    const { query, submission } = parseSensitivityParams(new URL(req.url).searchParams);
    return new Response(stringifyScoring(await forRequest(req, () => sensitivityOfPool(db(), round, query, submission))), { headers: { "content-type": "application/json; charset=utf-8" } });
  } catch (error) {
    return errorResponse(error);
  }
}
