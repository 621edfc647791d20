// GET /api/v1/rounds/<round>/compare?a=<slug>&b=<slug>&seed=1&resamples=1000&format=json|csv (+ every scores parameter: the pool A and B are scored in)
// – head to head: per base workload both times, the ratio b/a and the winner; the geometric-mean speedup (compute_speedups.py's convention) with its paired bootstrap interval.
import { db } from "@/lib/db/client";
import { forRequest } from "@/lib/server/compute/pool";
import { errorResponse } from "@/lib/server/errors";
import { csvResponse, requestedFormat, streamedJsonResponse } from "@/lib/server/responses";
import { compareCsv, compareSubmissions, parseCompareParams } from "@/lib/server/services/analysis-compare";
import { toCsv } from "@/lib/views/csv";
import { withMixedColumns } from "@/lib/views/mixed-pool";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ round: string }> }) {
  try {
    const { round } = await params;
    const url = new URL(req.url);
    const format = requestedFormat(url);
    const { query, options } = parseCompareParams(url.searchParams);
    const report = await forRequest(req, () => compareSubmissions(db(), { round, query, ...options }));
    if (format === "csv") {
      const { header, rows } = withMixedColumns(compareCsv(report), report.mixed);
      return csvResponse(toCsv(header, rows), `${round}-compare-${options.a}-${options.b}.csv`);
    }
    return streamedJsonResponse(report);
  } catch (error) {
    return errorResponse(error);
  }
}
