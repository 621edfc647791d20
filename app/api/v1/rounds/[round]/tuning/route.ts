// GET /api/v1/rounds/<round>/tuning?baseline=<key>&format=json|csv (+ every scores parameter)
// – score vs tuning budget k for every member, per-workload curves, and the smallest k at which
// the baseline restricted to k trials scores above each member at its full budget (docs/analysis-tuning.md).
import { db } from "@/lib/db/client";
import { errorResponse } from "@/lib/server/errors";
import { csvResponse, jsonResponse, requestedFormat } from "@/lib/server/responses";
import { parseTuningParams, tuningCsv, tuningOfPool } from "@/lib/server/services/analysis-tuning";
import { toCsv } from "@/lib/views/csv";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ round: string }> }) {
  try {
    const { round } = await params;
    const url = new URL(req.url);
    const format = requestedFormat(url);
    const { query, options } = parseTuningParams(url.searchParams);
    const report = await tuningOfPool(db(), { round, query, ...options });
    if (format === "csv") {
      const { header, rows } = tuningCsv(report);
      return csvResponse(toCsv(header, rows), `${round}-tuning.csv`);
    }
    return jsonResponse(report);
  } catch (error) {
    return errorResponse(error);
  }
}
