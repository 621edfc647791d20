// GET /api/v1/rounds/<round>/hyperparameters?submission=<slug>
// – per workload, time-to-target against each hyperparameter varying across the trials, the spread of the
// trials' times (best / median / worst) and one sensitivity number (docs/analysis-tuning.md).
import { readRoute } from "@/lib/server/http/read-route";
import { parseHyperparameterParams } from "@/lib/server/schemas/analysis-hyperparameters";
import { hyperparametersOf } from "@/lib/server/services/analysis-hyperparameters";

export const dynamic = "force-dynamic";

export const GET = readRoute({
  path: ["round"],
  parse: parseHyperparameterParams,
  load: ({ db, path, input }) => hyperparametersOf(db, { round: path.round, submission: input.submission }),
});
