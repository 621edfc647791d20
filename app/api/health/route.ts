// GET /api/health – database status and app version (for load balancers and the benches).
import { db } from "@/lib/db/client";
import { shortMessage } from "@/lib/server/db-errors";
import pkg from "@/package.json";

export const dynamic = "force-dynamic";

export async function GET() {
  const started = performance.now();
  try {
    await db().$queryRaw`SELECT 1`;
    return Response.json({ status: "ok", version: pkg.version, database: { status: "up", latencyMs: Math.round((performance.now() - started) * 10) / 10 } });
  } catch (error) {
    return Response.json(
      { status: "degraded", version: pkg.version, database: { status: "down", error: shortMessage(error) } },
      { status: 503, headers: { "Retry-After": "5" } },
    );
  }
}
