// GET /api/v1/rounds/<round>/submissions/<slug>?format=json|csv
// – configuration, provenance, standing in the default pool, results per workload with every run (CSV: one row per run).
import { db } from "@/lib/db/client";
import { errorResponse } from "@/lib/server/errors";
import { csvResponse, jsonResponse, requestedFormat } from "@/lib/server/responses";
import { getSubmission } from "@/lib/server/services/submissions";
import { toCsv } from "@/lib/views/csv";
import { submissionCsv } from "@/lib/views/csv-tables/submission";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ round: string; slug: string }> }) {
  try {
    const { round, slug } = await params;
    const format = requestedFormat(new URL(req.url));
    const view = await getSubmission(db(), round, slug);
    if (format === "csv") {
      const { header, rows } = submissionCsv(view);
      return csvResponse(toCsv(header, rows), `${round}-${slug}-runs.csv`);
    }
    const { evals: _evals, ...rest } = view;
    return jsonResponse({ ...rest, evalRuns: view.evals.map((e) => ({ runId: e.runId, workload: e.workload, study: e.study, trial: e.trial, evals: e.metrics.length })) });
  } catch (error) {
    return errorResponse(error);
  }
}
