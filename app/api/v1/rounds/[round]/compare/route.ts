// GET /api/v1/rounds/<round>/compare?a=<slug>&b=<slug>&seed=1&resamples=1000&format=json|csv (+ every scores parameter: the pool A and B are scored in)
// – head to head: per base workload both times, the ratio b/a and the winner; the geometric-mean speedup (compute_speedups.py's convention) with its paired bootstrap interval.
import { db } from "@/lib/db/client";
import { errorResponse } from "@/lib/server/errors";
import { csvResponse, jsonResponse, requestedFormat } from "@/lib/server/responses";
import { compareSubmissions, parseCompareParams } from "@/lib/server/services/analysis-compare";
import { toCsv } from "@/lib/views/csv";
import { compareCsv } from "@/lib/views/csv-tables/compare";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ round: string }> }) {
  try {
    const { round } = await params;
    const url = new URL(req.url);
    const format = requestedFormat(url);
    const { query, options } = parseCompareParams(url.searchParams);
    const report = await compareSubmissions(db(), { round, query, ...options });
    if (format === "csv") {
      const { header, rows } = compareCsv(report);
      return csvResponse(toCsv(header, rows), `${round}-compare-${options.a}-${options.b}.csv`);
    }
    return jsonResponse(report);
  } catch (error) {
    return errorResponse(error);
  }
}
