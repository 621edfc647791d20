// GET /api/v1/rounds/<round>/workloads – the round's base workloads (task, metric, target, budget, variants, result counts).
import { db } from "@/lib/db/client";
import { errorResponse } from "@/lib/server/errors";
import { jsonResponse } from "@/lib/server/responses";
import { listWorkloads } from "@/lib/server/services/workloads";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ round: string }> }) {
  try {
    const { round } = await params;
    return jsonResponse(await listWorkloads(db(), round));
  } catch (error) {
    return errorResponse(error);
  }
}
