// GET /api/v1/rounds/<round>/changes?from=<v>&to=<v>&format=json|csv – what
// changed between two versions (default: the last change): submissions added,
// removed, hidden, verified; rank and score moves of the default pool; the
// writes behind each version (docs/history.md).
import { readRoute } from "@/lib/server/http/read-route";
import { parseChangesParams } from "@/lib/server/schemas/changes";
import { roundChanges } from "@/lib/server/services/history";
import { changesCsv } from "@/lib/views/csv-tables/changes";

export const dynamic = "force-dynamic";

export const GET = readRoute({
  path: ["round"],
  parse: parseChangesParams,
  load: ({ db, path, input }) => roundChanges(db, { round: path.round, ...input }),
  csv: { file: ({ path }) => `${path.round}-changes.csv`, table: changesCsv },
});
