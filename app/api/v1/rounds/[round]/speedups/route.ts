// GET /api/v1/rounds/<round>/speedups?pool=a,b&seed=1&resamples=1000&format=json|csv (+ every scores parameter)
// – the geometric-mean speedup of every pair of a pool (at most 60 members), ordered by score, with paired bootstrap intervals.
import { analysisRoute } from "@/lib/server/http/analysis-route";
import { speedupsOfPool } from "@/lib/server/services/analysis-compare";
import { parseSpeedupParams } from "@/lib/server/schemas/analysis-compare";
import { speedupsCsv } from "@/lib/views/csv-tables/compare";

export const dynamic = "force-dynamic";

export const GET = analysisRoute({ name: "speedups", parse: parseSpeedupParams, compute: speedupsOfPool, csv: speedupsCsv });
