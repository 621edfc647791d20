// GET /api/v1/rounds/<round>/submissions/<slug>/evals?format=json|csv – the uploaded eval series of every run (CSV: one row per eval).
import { db } from "@/lib/db/client";
import { errorResponse } from "@/lib/server/errors";
import { csvResponse, jsonResponse, requestedFormat } from "@/lib/server/responses";
import { evalsCsv, getSubmission } from "@/lib/server/services/submissions";
import { toCsv } from "@/lib/views/csv";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ round: string; slug: string }> }) {
  try {
    const { round, slug } = await params;
    const format = requestedFormat(new URL(req.url));
    const view = await getSubmission(db(), round, slug);
    if (format === "csv") {
      const { header, rows } = evalsCsv(view);
      return csvResponse(toCsv(header, rows), `${round}-${slug}-evals.csv`);
    }
    return jsonResponse({ round: round, submission: slug, runs: view.evals });
  } catch (error) {
    return errorResponse(error);
  }
}
