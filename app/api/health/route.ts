// GET /api/health – database status and app version (for load balancers and the benches).
// The database is checked on a connection of its own with a 1.5 s deadline (lib/db/health-check.ts).
import { pingDatabase } from "@/lib/db/health-check";
import { shortMessage } from "@/lib/server/db-errors";
import { sizedJson } from "@/lib/server/http/sized-json";
import pkg from "@/package.json";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const latencyMs = await pingDatabase();
    return sizedJson({ status: "ok", version: pkg.version, database: { status: "up", latencyMs: Math.round(latencyMs * 10) / 10 } });
  } catch (error) {
    return sizedJson(
      { status: "degraded", version: pkg.version, database: { status: "down", error: shortMessage(error) } },
      { status: 503, headers: { "Retry-After": "5" } },
    );
  }
}
