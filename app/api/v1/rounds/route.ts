// GET /api/v1/rounds – every round with its submission counts (the round picker's data).
// POST /api/v1/rounds – create a round from an official targets file (admin token;
// the procedure admin.createRound, docs/hosting-a-round.md).
import { adminRoute } from "@/lib/server/http/admin-route";
import { readRoute } from "@/lib/server/http/read-route";
import { roundSummaries } from "@/lib/server/services/catalog";

export const dynamic = "force-dynamic";

export const GET = readRoute({
  load: async ({ db }) => ({ rounds: await roundSummaries(db) }),
});

export const POST = adminRoute({ status: 201, call: (caller, body) => caller.admin.createRound(body as never) });
