// GET /api/health – database status and app version (for load balancers and the benches).
import { db } from "@/lib/db/client";
import { shortMessage } from "@/lib/server/db-errors";
import pkg from "@/package.json";

export const dynamic = "force-dynamic";

/**
 * A database that does not answer within this time is reported down: a load
 * balancer must learn it at once, not after the pool's connect or query
 * timeouts (lib/db/config.ts).
 */
const HEALTH_DEADLINE_MS = 1_500;

function deadline(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms (connection timeout)`)), ms).unref());
}

export async function GET() {
  const started = performance.now();
  try {
    await Promise.race([db().$queryRaw`SELECT 1`, deadline(HEALTH_DEADLINE_MS)]);
    return Response.json({ status: "ok", version: pkg.version, database: { status: "up", latencyMs: Math.round((performance.now() - started) * 10) / 10 } });
  } catch (error) {
    return Response.json(
      { status: "degraded", version: pkg.version, database: { status: "down", error: shortMessage(error) } },
      { status: 503, headers: { "Retry-After": "5" } },
    );
  }
}
