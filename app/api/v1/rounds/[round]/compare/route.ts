// GET /api/v1/rounds/<round>/compare?a=<slug>&b=<slug>&seed=1&resamples=1000&format=json|csv (+ every scores parameter: the pool A and B are scored in)
// – head to head: per base workload both times, the ratio b/a and the winner; the geometric-mean speedup (compute_speedups.py's convention) with its paired bootstrap interval.
import { readRoute } from "@/lib/server/http/read-route";
import { encodedJsonResponse } from "@/lib/server/responses";
import { parseCompareParams } from "@/lib/server/schemas/analysis-compare";
import { compareSubmissions } from "@/lib/server/services/analysis-compare";
import { compareCsv } from "@/lib/views/csv-tables/compare";
import { withMixedColumns } from "@/lib/views/mixed-pool";

export const dynamic = "force-dynamic";

export const GET = readRoute({
  path: ["round"],
  parse: parseCompareParams,
  load: ({ db, path, input }) => compareSubmissions(db, { round: path.round, query: input.query, ...input.options }),
  // A report can be megabytes: serialized and gzipped off the request loop.
  json: (report, { headers }) => encodedJsonResponse(report, headers),
  csv: {
    file: ({ path, input }) => `${path.round}-compare-${input.options.a}-${input.options.b}.csv`,
    table: (report) => withMixedColumns(compareCsv(report), report.mixed),
  },
});
