// GET /api/v1/rounds/<round>/submissions/<slug>?format=json|csv
// – configuration, provenance, standing in the default pool, results per workload with every run (CSV: one row per run).
import { readRoute } from "@/lib/server/http/read-route";
import { getSubmission } from "@/lib/server/services/submissions";
import { submissionCsv } from "@/lib/views/csv-tables/submission";

export const dynamic = "force-dynamic";

export const GET = readRoute({
  path: ["round", "slug"],
  load: ({ db, path }) => getSubmission(db, path.round, path.slug),
  json: (view) => {
    const { evals: _evals, ...rest } = view;
    return { ...rest, evalRuns: view.evals.map((e) => ({ runId: e.runId, workload: e.workload, study: e.study, trial: e.trial, evals: e.metrics.length })) };
  },
  csv: { file: ({ path }) => `${path.round}-${path.slug}-runs.csv`, table: submissionCsv },
});
