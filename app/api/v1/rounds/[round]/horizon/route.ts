// GET /api/v1/rounds/<round>/horizon?pool=a,b (+ every scores parameter)
// – score and targets hit per base algorithm as a function of the training horizon (selected configuration and spread over ranks).
import { readRoute } from "@/lib/server/http/read-route";
import { parseScoreParams } from "@/lib/server/schemas/scores";
import { horizonOfPool } from "@/lib/server/services/analysis-horizon";

export const dynamic = "force-dynamic";

export const GET = readRoute({
  path: ["round"],
  parse: parseScoreParams,
  load: ({ db, path, input }) => horizonOfPool(db, path.round, input),
});
