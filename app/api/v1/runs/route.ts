// POST /api/v1/runs – upload a batch of runs (up to 10,000 runs / 32 MiB): the tRPC procedure
// ingest.upload called in-process (createCaller), with a REST envelope: the result itself (201 when
// a run or submission was created, replaced or updated, 200 when everything was unchanged), or
// { error: { code, message, issues } } with the error's HTTP status. Not the tRPC HTTP handler:
// a REST path has no batches (`?batch=1` means nothing here) and the body is the upload itself.
import type { Hash } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { parseJsonText } from "@/lib/ingest/json-syntax";
import { UPLOAD_LIMITS } from "@/lib/ingest/upload-schema";
import type { UploadInput } from "@/lib/ingest/upload-schema";
import { AppError, errorResponse } from "@/lib/server/errors";
import { apiSecurityHeaders, badAddress } from "@/lib/server/http/address";
import { bodyDigest, limitBody } from "@/lib/server/request-body";
import { createCaller } from "@/lib/server/routers/_app";
import { createContext } from "@/lib/server/trpc";

export const dynamic = "force-dynamic";

/** The body as JSON whatever its Content-Type (a plain `curl -d @runs.json` labels it as a form), hashed as it streams; a syntax error names its line and column. */
async function readJson(req: Request, digest: Hash): Promise<unknown> {
  const text = await limitBody(req, UPLOAD_LIMITS.bodyBytes, req.headers, digest).text();
  return parseJsonText(text);
}

/**
 * proxy.ts does not run for this path (Next would buffer the body before the
 * token check): its address check and security headers are applied here.
 */
export async function POST(req: Request) {
  const problem = badAddress(new URL(req.url));
  const res = problem ? errorResponse(new AppError("BAD_REQUEST", `invalid address: ${problem}`, [{ path: "(url)", message: problem }])) : await upload(req);
  for (const [k, v] of Object.entries(apiSecurityHeaders())) res.headers.set(k, v);
  return res;
}

async function upload(req: Request): Promise<Response> {
  // The body is read by the procedure once the token and the rate limits have passed.
  const body = bodyDigest();
  const caller = createCaller(createContext({ headers: req.headers, body: () => readJson(req, body.hash), bodyHash: body.hex }));
  try {
    const result = await caller.ingest.upload(undefined as unknown as UploadInput);
    const wrote = result.counts.created + result.counts.replaced > 0 || result.submissions.some((s) => s.status !== "unchanged");
    return Response.json(result, { status: wrote ? 201 : 200 });
  } catch (error) {
    return errorResponse(error instanceof TRPCError && error.cause ? error.cause : error);
  }
}
