// GET /api/v1/rounds/<round>/cost?pricePerGpuHour=<x>&format=json|csv (+ the scores endpoint's pool parameters)
// – GPU-hours to target per workload, per study search and per submission (all tuning trials), ranked by cost;
// pools with mixed hardware flagged (docs/analysis-tuning.md).
import { analysisRoute } from "@/lib/server/http/analysis-route";
import { costOfPool } from "@/lib/server/services/analysis-cost";
import { parseCostParams } from "@/lib/server/schemas/analysis-cost";
import { costCsv } from "@/lib/views/csv-tables/cost";

export const dynamic = "force-dynamic";

export const GET = analysisRoute({ name: "cost", parse: parseCostParams, compute: costOfPool, csv: costCsv });
