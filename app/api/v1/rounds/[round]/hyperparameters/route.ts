// GET /api/v1/rounds/<round>/hyperparameters?submission=<slug>&format=json|csv
// – per workload, time-to-target against each hyperparameter varying across the trials, the spread of the
// trials' times (best / median / worst), one sensitivity number and the round's ranking by it (docs/analysis-tuning.md).
import { analysisRoute } from "@/lib/server/http/analysis-route";
import { parseHyperparameterParams } from "@/lib/server/schemas/analysis-hyperparameters";
import { hyperparametersOf } from "@/lib/server/services/analysis-hyperparameters";
import { hyperparametersCsv } from "@/lib/views/csv-tables/hyperparameters";

export const dynamic = "force-dynamic";

export const GET = analysisRoute({ name: "hyperparameters", parse: parseHyperparameterParams, compute: hyperparametersOf, csv: hyperparametersCsv });
