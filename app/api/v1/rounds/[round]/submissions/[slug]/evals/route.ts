// GET /api/v1/rounds/<round>/submissions/<slug>/evals?format=json|csv – the uploaded eval series of every run (CSV: one row per eval,
// streamed one run at a time).
import { readRoute } from "@/lib/server/http/read-route";
import { evalSlices, getSubmission } from "@/lib/server/services/submissions";
import { evalsCsvChunks } from "@/lib/views/csv-tables/submission";

export const dynamic = "force-dynamic";

export const GET = readRoute({
  path: ["round", "slug"],
  load: ({ db, path }) => getSubmission(db, path.round, path.slug),
  json: (view, { path }) => ({ round: path.round, submission: path.slug, runs: view.evals }),
  csv: {
    file: ({ path }) => `${path.round}-${path.slug}-evals.csv`,
    stream: async ({ db, path }) => evalsCsvChunks(await evalSlices(db, path.round, path.slug)),
  },
});
