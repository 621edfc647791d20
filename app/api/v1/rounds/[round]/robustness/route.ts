// GET /api/v1/rounds/<round>/robustness?pool=a,b&seed=1&resamples=1000&format=json|csv (+ every scores parameter)
// – workload-set robustness: leave-one-workload-out, bootstrap over workloads beside the bootstrap over studies, a verdict per submission.
import { analysisRoute } from "@/lib/server/http/analysis-route";
import { robustnessOfPool } from "@/lib/server/services/analysis-robustness";
import { parseRobustnessParams } from "@/lib/server/schemas/analysis-robustness";
import { robustnessCsv } from "@/lib/views/csv-tables/robustness";

export const dynamic = "force-dynamic";

export const GET = analysisRoute({ name: "robustness", parse: parseRobustnessParams, compute: robustnessOfPool, csv: robustnessCsv });
