// GET /api/v1/rounds/<round>/leaderboard?horizon=66&family=…&base=…&source=…&add=<slug>&remove=<slug>&tauMax=4&integration=trapezoid|exact&format=json|csv
// – the ranked pool of a view (the leaderboard page's data): scores, targets hit and every workload cell.
import { db } from "@/lib/db/client";
import { forRequest } from "@/lib/server/compute/pool";
import { errorResponse } from "@/lib/server/errors";
import { cachedJsonResponse, csvResponse, requestedFormat } from "@/lib/server/responses";
import { getLeaderboard, viewQueryOrThrow } from "@/lib/server/services/leaderboard";
import { toCsv } from "@/lib/views/csv";
import { parseViewQuery } from "@/lib/views/parse-query";
import { leaderboardCsv } from "@/lib/views/csv-tables/leaderboard";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ round: string }> }) {
  try {
    const { round } = await params;
    const url = new URL(req.url);
    const format = requestedFormat(url);
    const lb = await forRequest(req, () => getLeaderboard(db(), round, viewQueryOrThrow(parseViewQuery(url.searchParams))));
    if (format === "csv") {
      const { header, rows } = leaderboardCsv(lb);
      return csvResponse(toCsv(header, rows), `${round}-leaderboard.csv`);
    }
    return cachedJsonResponse(lb, "leaderboard", () => {
      const { tau: _tau, profiles: _profiles, ...rest } = lb;
      return rest;
    });
  } catch (error) {
    return errorResponse(error);
  }
}
