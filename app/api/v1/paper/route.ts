// GET /api/v1/paper?integration=exact|trapezoid&format=json|csv – Table 6 / Appendix F recomputed (36-configuration
// pool without and with the imported row), published values, Tables 4 and 5. Exact integration by default, as the paper.
import { db } from "@/lib/db/client";
import { AppError, errorResponse } from "@/lib/server/errors";
import { csvResponse, jsonResponse, requestedFormat } from "@/lib/server/responses";
import { getPaperView } from "@/lib/server/services/paper";
import { toCsv } from "@/lib/views/csv";
import { paperCsv } from "@/lib/views/csv-tables/paper";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  try {
    const url = new URL(req.url);
    const format = requestedFormat(url);
    const integration = url.searchParams.get("integration") ?? "exact";
    if (integration !== "exact" && integration !== "trapezoid") {
      throw new AppError("BAD_REQUEST", `invalid query: integration: expected one of exact, trapezoid, got "${integration}"`, [{ path: "integration", message: "expected one of exact, trapezoid" }]);
    }
    const view = await getPaperView(db(), integration);
    if (format === "csv") {
      const { header, rows } = paperCsv(view);
      return csvResponse(toCsv(header, rows), `paper-2505.24005-${integration}.csv`);
    }
    return jsonResponse(view);
  } catch (error) {
    return errorResponse(error);
  }
}
