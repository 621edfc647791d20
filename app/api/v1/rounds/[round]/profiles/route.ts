// GET /api/v1/rounds/<round>/profiles?<view parameters as for …/leaderboard>&format=json|csv
// – rho(tau) of every pool member on the scoring grid (CSV: one row per tau), with the ratios behind the exact steps.
import { readRoute } from "@/lib/server/http/read-route";
import { parseViewParams } from "@/lib/server/schemas/view";
import { getLeaderboard, profilesPayload } from "@/lib/server/services/leaderboard";
import { profilesCsv } from "@/lib/views/csv-tables/leaderboard";

export const dynamic = "force-dynamic";

export const GET = readRoute({
  path: ["round"],
  parse: parseViewParams,
  load: ({ db, path, input }) => getLeaderboard(db, path.round, input),
  json: profilesPayload,
  csv: { file: ({ path }) => `${path.round}-profiles.csv`, table: profilesCsv },
});
