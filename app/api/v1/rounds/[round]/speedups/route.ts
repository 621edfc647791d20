// GET /api/v1/rounds/<round>/speedups?pool=a,b&seed=1&resamples=1000&format=json|csv (+ every scores parameter)
// – the geometric-mean speedup of every pair of a pool (at most 60 members), ordered by score, with paired bootstrap intervals.
import { db } from "@/lib/db/client";
import { errorResponse } from "@/lib/server/errors";
import { csvResponse, jsonResponse, requestedFormat } from "@/lib/server/responses";
import { parseSpeedupParams, speedupsCsv, speedupsOfPool } from "@/lib/server/services/analysis-compare";
import { toCsv } from "@/lib/views/csv";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ round: string }> }) {
  try {
    const { round } = await params;
    const url = new URL(req.url);
    const format = requestedFormat(url);
    const { query, options } = parseSpeedupParams(url.searchParams);
    const report = await speedupsOfPool(db(), { round, query, ...options });
    if (format === "csv") {
      const { header, rows } = speedupsCsv(report);
      return csvResponse(toCsv(header, rows), `${round}-speedups.csv`);
    }
    return jsonResponse(report);
  } catch (error) {
    return errorResponse(error);
  }
}
