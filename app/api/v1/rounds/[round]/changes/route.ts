// GET /api/v1/rounds/<round>/changes?from=<v>&to=<v>&format=json|csv – what
// changed between two versions (default: the last change): submissions added,
// removed, hidden, verified; rank and score moves of the default pool; the
// writes behind each version (docs/history.md).
import { analysisRoute } from "@/lib/server/http/analysis-route";
import { roundChanges } from "@/lib/server/services/history";
import { changesCsv } from "@/lib/views/changes-csv";

export const dynamic = "force-dynamic";

export const GET = analysisRoute({
  name: "changes",
  parse: (params) => ({ query: null, options: { from: params.get("from"), to: params.get("to") } }),
  compute: (db, { round, from, to }) => roundChanges(db, { round, from, to }),
  csv: changesCsv,
});
