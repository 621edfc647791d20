// GET/POST /api/trpc/<procedure> – the tRPC endpoint (typed client and plain JSON callers);
// POST /api/trpc/ingest.upload takes up to 10,000 runs / 32 MiB (lib/ingest/upload-schema.ts UPLOAD_LIMITS).
// A web process's own upload rehearsal at start (lib/server/services/upload-rehearsal.ts) gets its
// body here (GET with the process's key) and sends it back as an ordinary upload.
import { db } from "@/lib/db/client";
import { handleTrpcRequest } from "@/lib/server/http/trpc-handler";
import { isRehearsal } from "@/lib/server/http/rehearsal-key";
import { rehearsalBody } from "@/lib/server/services/upload-rehearsal";

export const dynamic = "force-dynamic";

async function handler(req: Request): Promise<Response> {
  if (req.method === "GET" && isRehearsal(req.headers)) {
    const body = await rehearsalBody(db());
    return body === null ? new Response(null, { status: 204 }) : new Response(body, { headers: { "content-type": "application/json" } });
  }
  return handleTrpcRequest(req);
}

export { handler as GET, handler as POST };
