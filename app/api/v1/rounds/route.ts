// GET /api/v1/rounds – every round with its submission counts (the round picker's data).
// POST /api/v1/rounds – create a round from an official targets file (admin token;
// the procedure admin.createRound, docs/hosting-a-round.md).
import { db } from "@/lib/db/client";
import { errorResponse } from "@/lib/server/errors";
import { adminRoute } from "@/lib/server/http/admin-route";
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

export const POST = adminRoute({ status: 201, call: (caller, body) => caller.admin.createRound(body as never) });
