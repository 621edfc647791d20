// GET /api/v1/rounds/<round>/workloads/<key>?<view parameters as for …/leaderboard>&format=json|csv
// – every pool member's result on one workload, fastest first, with the best trial of each study.
import { db } from "@/lib/db/client";
import { errorResponse } from "@/lib/server/errors";
import { csvResponse, jsonResponse, requestedFormat } from "@/lib/server/responses";
import { viewQueryOrThrow } from "@/lib/server/services/leaderboard";
import { getWorkloadTable } from "@/lib/server/services/workloads";
import { toCsv } from "@/lib/views/csv";
import { parseViewQuery } from "@/lib/views/parse-query";
import { workloadCsv } from "@/lib/views/csv-tables/workload";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ round: string; key: string }> }) {
  try {
    const { round, key } = await params;
    const url = new URL(req.url);
    const format = requestedFormat(url);
    const table = await getWorkloadTable(db(), round, key, viewQueryOrThrow(parseViewQuery(url.searchParams)));
    if (format === "csv") {
      const { header, rows } = workloadCsv(table);
      return csvResponse(toCsv(header, rows), `${round}-${key}.csv`);
    }
    return jsonResponse(table);
  } catch (error) {
    return errorResponse(error);
  }
}
