// GET /api/v1/rounds/<round>/uncertainty?pool=a,b&seed=1&resamples=1000 (+ every scores parameter)
// – bootstrap over studies: a 95% interval for every score and rank, and the statistically tied groups.
import { readRoute } from "@/lib/server/http/read-route";
import { encodedJsonResponse } from "@/lib/server/responses";
import { parseUncertaintyParams } from "@/lib/server/schemas/analysis-uncertainty";
import { uncertaintyOfPool } from "@/lib/server/services/analysis-uncertainty";

export const dynamic = "force-dynamic";

export const GET = readRoute({
  path: ["round"],
  parse: parseUncertaintyParams,
  load: ({ db, path, input }) => uncertaintyOfPool(db, path.round, input.query, input.options),
  // A report can be megabytes (points=10000): serialized and gzipped off the request loop.
  json: (report, { headers }) => encodedJsonResponse(report, headers),
});
