// GET /api/v1/rounds/<round>/sensitivity?pool=a,b&submission=<slug> (+ every scores parameter)
// – every other member's score and rank with and without <slug>; without `submission`, the leave-one-out table (pools up to 300).
import { readRoute } from "@/lib/server/http/read-route";
import { parseSensitivityParams } from "@/lib/server/schemas/analysis-sensitivity";
import { sensitivityOfPool } from "@/lib/server/services/analysis-sensitivity";

export const dynamic = "force-dynamic";

export const GET = readRoute({
  path: ["round"],
  parse: parseSensitivityParams,
  load: ({ db, path, input }) => sensitivityOfPool(db, path.round, input.query, input.submission),
});
