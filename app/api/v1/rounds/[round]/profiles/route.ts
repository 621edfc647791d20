// GET /api/v1/rounds/<round>/profiles?<view parameters as for …/leaderboard>&format=json|csv
// – rho(tau) of every pool member on the scoring grid (CSV: one row per tau), with the ratios behind the exact steps.
import { db } from "@/lib/db/client";
import { forRequest } from "@/lib/server/compute/pool";
import { errorResponse } from "@/lib/server/errors";
import { csvResponse, jsonResponse, requestedFormat } from "@/lib/server/responses";
import { getLeaderboard, profilesPayload, viewQueryOrThrow } from "@/lib/server/services/leaderboard";
import { toCsv } from "@/lib/views/csv";
import { parseViewQuery } from "@/lib/views/parse-query";
import { profilesCsv } from "@/lib/views/csv-tables/leaderboard";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ round: string }> }) {
  try {
    const { round } = await params;
    const url = new URL(req.url);
    const format = requestedFormat(url);
    const lb = await forRequest(req, () => getLeaderboard(db(), round, viewQueryOrThrow(parseViewQuery(url.searchParams))));
    if (format === "csv") {
      const { header, rows } = profilesCsv(lb);
      return csvResponse(toCsv(header, rows), `${round}-profiles.csv`);
    }
    return jsonResponse(profilesPayload(lb));
  } catch (error) {
    return errorResponse(error);
  }
}
