// GET /api/v1/rounds/<round>/versions?format=json|csv – the round's timeline:
// every recorded version, newest first, with the write behind it (docs/history.md).
import { analysisRoute } from "@/lib/server/http/analysis-route";
import { roundVersions } from "@/lib/server/services/history";
import { versionsCsv } from "@/lib/views/changes-csv";

export const dynamic = "force-dynamic";

export const GET = analysisRoute({
  name: "versions",
  parse: () => ({ query: null, options: {} }),
  compute: async (db, { round }) => ({ round, versions: await roundVersions(db, { round }) }),
  csv: (report) => versionsCsv(report.versions),
});
