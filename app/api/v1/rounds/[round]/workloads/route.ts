// GET /api/v1/rounds/<round>/workloads – the round's base workloads (task, metric, target, budget, variants, result counts).
import { readRoute } from "@/lib/server/http/read-route";
import { listWorkloads } from "@/lib/server/services/workloads";

export const dynamic = "force-dynamic";

export const GET = readRoute({
  path: ["round"],
  load: ({ db, path }) => listWorkloads(db, path.round),
});
