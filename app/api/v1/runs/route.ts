// POST /api/v1/runs – upload a batch of runs (up to 10,000 runs / 32 MiB): the tRPC procedure
// ingest.upload with a REST envelope: the result itself (201 when a run or submission was created,
// replaced or updated, 200 when everything was unchanged), or { error: { code, message, issues } }
// with the same HTTP status.
import { handleTrpcRequest } from "@/lib/server/http/trpc-handler";

export const dynamic = "force-dynamic";

interface TrpcEnvelope {
  result?: { data: { counts: { created: number; replaced: number }; submissions: { status: string }[] } };
  error?: { message: string; data?: { code?: string; issues?: { path: string; message: string }[] | null } };
}

export async function POST(req: Request) {
  const url = new URL(req.url);
  url.pathname = "/api/trpc/ingest.upload";
  const res = await handleTrpcRequest(new Request(url, { method: "POST", headers: req.headers, body: req.body, signal: req.signal, duplex: "half" } as RequestInit));
  const envelope = (await res.json()) as TrpcEnvelope;
  const headers = new Headers(res.headers);
  headers.delete("content-length");
  if (envelope.result) {
    const { counts, submissions } = envelope.result.data;
    const wrote = counts.created + counts.replaced > 0 || submissions.some((s) => s.status !== "unchanged");
    return Response.json(envelope.result.data, { status: wrote ? 201 : 200, headers });
  }
  const error = envelope.error!;
  return Response.json({ error: { code: error.data?.code ?? "INTERNAL_SERVER_ERROR", message: error.message, issues: error.data?.issues ?? [] } }, { status: res.status, headers });
}
