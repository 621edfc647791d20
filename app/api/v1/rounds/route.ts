// GET /api/v1/rounds – every round with its submission counts (the round picker's data).
import { readRoute } from "@/lib/server/http/read-route";
import { roundSummaries } from "@/lib/server/services/catalog";

export const dynamic = "force-dynamic";

export const GET = readRoute({
  load: async ({ db }) => ({ rounds: await roundSummaries(db) }),
});
