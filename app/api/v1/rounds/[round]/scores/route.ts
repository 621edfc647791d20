// GET /api/v1/rounds/<round>/scores?pool=a,b&tauMax=4&points=100&scale=linear&integration=trapezoid|exact&reference=<slug>
// – scores, ranking, profiles and per-cell status of a pool; the JSON of `npm run cli -- score` plus round and member details.
import { readRoute } from "@/lib/server/http/read-route";
import { cachedJsonResponse } from "@/lib/server/responses";
import { parseScoreParams } from "@/lib/server/schemas/scores";
import { scoreRound } from "@/lib/server/services/scores";

export const dynamic = "force-dynamic";

export const GET = readRoute({
  path: ["round"],
  parse: parseScoreParams,
  load: ({ db, path, input }) => scoreRound(db, path.round, input),
  json: (scores, { headers }) => cachedJsonResponse(scores, "scores", () => scores, headers),
});
