// GET/POST /api/trpc/<procedure> – the tRPC endpoint (typed client and plain JSON callers);
// POST /api/trpc/ingest.upload takes up to 10,000 runs / 32 MiB (lib/ingest/upload-schema.ts UPLOAD_LIMITS).
// Also the upload rehearsal a web process runs on itself at start (lib/server/http/rehearsal-key.ts):
// here, in the bundle that serves real uploads, so that they find its code compiled.
import { db } from "@/lib/db/client";
import { handleTrpcRequest } from "@/lib/server/http/trpc-handler";
import { isRehearsal } from "@/lib/server/http/rehearsal-key";
import { rehearseUpload } from "@/lib/server/services/upload-rehearsal";

export const dynamic = "force-dynamic";

async function handler(req: Request): Promise<Response> {
  if (isRehearsal(req.headers)) {
    const result = await rehearseUpload(db());
    return Response.json({ runs: result?.counts.runs ?? 0 });
  }
  return handleTrpcRequest(req);
}

export { handler as GET, handler as POST };
