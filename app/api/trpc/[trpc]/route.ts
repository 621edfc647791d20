// GET/POST /api/trpc/<procedure> – the tRPC endpoint (typed client and plain JSON callers);
// POST /api/trpc/ingest.upload takes up to 10,000 runs / 32 MiB (lib/ingest/upload-schema.ts UPLOAD_LIMITS).
import { handleTrpcRequest } from "@/lib/server/http/trpc-handler";

export const dynamic = "force-dynamic";

function handler(req: Request) {
  return handleTrpcRequest(req);
}

export { handler as GET, handler as POST };
