// GET /api/v1/rounds/<round>/cost?pricePerGpuHour=<x>&format=json|csv (+ the scores endpoint's pool parameters)
// – GPU-hours to target per workload, per study search and per submission (all tuning trials), ranked by cost;
// pools with mixed hardware flagged (docs/analysis-tuning.md).
import { db } from "@/lib/db/client";
import { errorResponse } from "@/lib/server/errors";
import { csvResponse, jsonResponse, requestedFormat } from "@/lib/server/responses";
import { costCsv, costOfPool, parseCostParams } from "@/lib/server/services/analysis-cost";
import { toCsv } from "@/lib/views/csv";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ round: string }> }) {
  try {
    const { round } = await params;
    const url = new URL(req.url);
    const format = requestedFormat(url);
    const { query, options } = parseCostParams(url.searchParams);
    const report = await costOfPool(db(), { round, query, ...options });
    if (format === "csv") {
      const { header, rows } = costCsv(report);
      return csvResponse(toCsv(header, rows), `${round}-cost.csv`);
    }
    return jsonResponse(report);
  } catch (error) {
    return errorResponse(error);
  }
}
