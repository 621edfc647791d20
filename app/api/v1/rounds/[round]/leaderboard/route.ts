// GET /api/v1/rounds/<round>/leaderboard?horizon=66&family=…&base=…&source=…&add=<slug>&remove=<slug>&tauMax=4&integration=trapezoid|exact&format=json|csv
// – the ranked pool of a view (the leaderboard page's data): scores, targets hit and every workload cell.
import { readRoute } from "@/lib/server/http/read-route";
import { cachedJsonResponse } from "@/lib/server/responses";
import { parseViewParams } from "@/lib/server/schemas/view";
import { getLeaderboard } from "@/lib/server/services/leaderboard";
import { leaderboardCsv } from "@/lib/views/csv-tables/leaderboard";

export const dynamic = "force-dynamic";

export const GET = readRoute({
  path: ["round"],
  parse: parseViewParams,
  load: ({ db, path, input }) => getLeaderboard(db, path.round, input),
  json: (lb, { headers }) =>
    cachedJsonResponse(
      lb,
      "leaderboard",
      () => {
        const { tau: _tau, profiles: _profiles, ...rest } = lb;
        return rest;
      },
      headers,
    ),
  csv: { file: ({ path }) => `${path.round}-leaderboard.csv`, table: leaderboardCsv },
});
