// GET /api/v1/rounds/<round>/robustness?pool=a,b&seed=1&resamples=1000&format=json|csv (+ every scores parameter)
// – workload-set robustness: leave-one-workload-out, bootstrap over workloads beside the bootstrap over studies, a verdict per submission.
import { db } from "@/lib/db/client";
import { errorResponse } from "@/lib/server/errors";
import { csvResponse, jsonResponse, requestedFormat } from "@/lib/server/responses";
import { parseRobustnessParams, robustnessCsv, robustnessOfPool } from "@/lib/server/services/analysis-robustness";
import { toCsv } from "@/lib/views/csv";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ round: string }> }) {
  try {
    const { round } = await params;
    const url = new URL(req.url);
    const format = requestedFormat(url);
    const { query, options } = parseRobustnessParams(url.searchParams);
    const report = await robustnessOfPool(db(), { round, query, ...options });
    if (format === "csv") {
      const { header, rows } = robustnessCsv(report);
      return csvResponse(toCsv(header, rows), `${round}-robustness.csv`);
    }
    return jsonResponse(report);
  } catch (error) {
    return errorResponse(error);
  }
}
