// GET /api/v1/rounds/<round>/versions?format=json|csv – the round's timeline:
// every recorded version, newest first, with the write behind it (docs/history.md).
import { readRoute } from "@/lib/server/http/read-route";
import { roundVersions } from "@/lib/server/services/history";
import { versionsCsv } from "@/lib/views/csv-tables/changes";

export const dynamic = "force-dynamic";

export const GET = readRoute({
  path: ["round"],
  load: async ({ db, path }) => ({ round: path.round, versions: await roundVersions(db, { round: path.round }) }),
  csv: { file: ({ path }) => `${path.round}-versions.csv`, table: (report) => versionsCsv(report.versions) },
});
