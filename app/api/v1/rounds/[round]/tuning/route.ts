// GET /api/v1/rounds/<round>/tuning?baseline=<key>&format=json|csv (+ every scores parameter)
// – score vs tuning budget k for every member, per-workload curves, and the smallest k at which
// the baseline restricted to k trials scores above each member at its full budget (docs/analysis-tuning.md).
import { analysisRoute } from "@/lib/server/http/analysis-route";
import { tuningOfPool } from "@/lib/server/services/analysis-tuning";
import { parseTuningParams } from "@/lib/server/schemas/analysis-tuning";
import { tuningCsv } from "@/lib/views/csv-tables/tuning";

export const dynamic = "force-dynamic";

export const GET = analysisRoute({ name: "tuning", parse: parseTuningParams, compute: tuningOfPool, csv: tuningCsv });
