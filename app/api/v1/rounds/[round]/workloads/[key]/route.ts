// GET /api/v1/rounds/<round>/workloads/<key>?<view parameters as for …/leaderboard>&format=json|csv
// – every pool member's result on one workload, fastest first, with the best trial of each study.
import { readRoute } from "@/lib/server/http/read-route";
import { parseViewParams } from "@/lib/server/schemas/view";
import { getWorkloadTable } from "@/lib/server/services/workloads";
import { workloadCsv } from "@/lib/views/csv-tables/workload";

export const dynamic = "force-dynamic";

export const GET = readRoute({
  path: ["round", "key"],
  parse: parseViewParams,
  load: ({ db, path, input }) => getWorkloadTable(db, path.round, path.key, input),
  csv: { file: ({ path }) => `${path.round}-${path.key}.csv`, table: workloadCsv },
});
