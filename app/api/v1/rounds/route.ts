// GET /api/v1/rounds – every round with its submission counts (the round picker's data).
import { db } from "@/lib/db/client";
import { errorResponse } from "@/lib/server/errors";
import { jsonResponse } from "@/lib/server/responses";
import { roundSummaries } from "@/lib/server/services/catalog";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    return jsonResponse({ rounds: await roundSummaries(db()) });
  } catch (error) {
    return errorResponse(error);
  }
}
