// GET /api/v1/rounds/<round>/tau-sensitivity?pool=a,b&from=1.25&to=4&steps=12 (+ every scores parameter but tauMax, which is swept)
// – score and competition rank of every member at each tauMax.
import { readRoute } from "@/lib/server/http/read-route";
import { parseTauParams } from "@/lib/server/schemas/analysis-tau";
import { tauSensitivityOfPool } from "@/lib/server/services/analysis-tau";

export const dynamic = "force-dynamic";

export const GET = readRoute({
  path: ["round"],
  parse: parseTauParams,
  load: ({ db, path, input }) => tauSensitivityOfPool(db, path.round, input.query, input.sweep),
});
