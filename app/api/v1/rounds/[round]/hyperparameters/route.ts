// GET /api/v1/rounds/<round>/hyperparameters?submission=<slug>
// – per workload, time-to-target against each hyperparameter varying across the trials, the spread of the
// trials' times (best / median / worst) and one sensitivity number (docs/analysis-tuning.md).
import { db } from "@/lib/db/client";
import { errorResponse } from "@/lib/server/errors";
import { jsonResponse } from "@/lib/server/responses";
import { hyperparametersOf, parseHyperparameterParams } from "@/lib/server/services/analysis-hyperparameters";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ round: string }> }) {
  try {
    const { round } = await params;
    const { submission } = parseHyperparameterParams(new URL(req.url).searchParams);
    return jsonResponse(await hyperparametersOf(db(), { round, submission }));
  } catch (error) {
    return errorResponse(error);
  }
}
