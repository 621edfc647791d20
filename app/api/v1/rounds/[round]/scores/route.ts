// GET /api/v1/rounds/<round>/scores?pool=a,b&tauMax=4&points=100&scale=linear&integration=trapezoid|exact&reference=<slug>
// – scores, ranking, profiles and per-cell status of a pool; the JSON of `npm run cli -- score` plus round and member details.
import { db } from "@/lib/db/client";
import { forRequest } from "@/lib/server/compute/pool";
import { errorResponse } from "@/lib/server/errors";
import { cachedJsonResponse } from "@/lib/server/responses";
import { parseScoreParams, scoreRound } from "@/lib/server/services/scores";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ round: string }> }) {
  try {
    const { round } = await params;
    const scores = await forRequest(req, () => scoreRound(db(), round, parseScoreParams(new URL(req.url).searchParams)));
    return cachedJsonResponse(scores, "scores", () => scores);
  } catch (error) {
    return errorResponse(error);
  }
}
