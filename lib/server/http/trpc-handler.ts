// The HTTP entry of every tRPC procedure (/api/trpc/<path>). The REST alias
// POST /api/v1/runs calls the same procedure through a server-side caller
// (app/api/v1/runs/route.ts), so it has the same auth, limits and errors but
// no batch semantics.
import "server-only";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { parseJsonText } from "@/lib/ingest/json-syntax";
import { UPLOAD_LIMITS } from "@/lib/ingest/upload-schema";
import { AppError } from "@/lib/server/errors";
import { bodyDigest, limitBody, PayloadTooLargeError } from "@/lib/server/request-body";
import { apiSecurityHeaders, badAddress } from "./address";
import { appRouter } from "@/lib/server/routers/_app";
import { createContext } from "@/lib/server/trpc";

const UPLOAD_PATH = "ingest.upload";
/** Body limit of every other procedure: their inputs are small. */
const DEFAULT_BODY_LIMIT = 1024 * 1024;
/**
 * Calls in one tRPC batch (`?batch=1`, paths joined by commas): every call is
 * a procedure run (and, for writes, a rate-limit count), so one request may
 * not carry an unbounded number of them.
 */
export const MAX_BATCH_CALLS = 10;

function errorJson(status: number, code: string, message: string, path = "(request)"): Response {
  // The tRPC error shape, so tRPC clients (and the REST aliases) read it like any procedure error.
  return Response.json({ error: { message, code: -32600, data: { code, httpStatus: status, issues: [{ path, message }] } } }, { status });
}

/**
 * proxy.ts does not run for the tRPC paths (so that Next does not buffer their
 * bodies before the token check): the address check and the security headers
 * are applied here instead.
 */
export async function handleTrpcRequest(req: Request, endpoint = "/api/trpc"): Promise<Response> {
  const problem = badAddress(new URL(req.url));
  const res = problem ? errorJson(400, "BAD_REQUEST", `invalid address: ${problem}`, "(url)") : await runTrpc(req, endpoint);
  const headers = new Headers(res.headers);
  for (const [k, v] of Object.entries(apiSecurityHeaders())) headers.set(k, v);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

function withJsonSyntaxErrors(request: Request): void {
  Object.defineProperty(request, "json", { value: async () => parseJsonText(await request.text()) });
}

async function runTrpc(req: Request, endpoint: string): Promise<Response> {
  const url = new URL(req.url);
  let paths: string[];
  try {
    paths = decodeURIComponent(url.pathname.slice(endpoint.length + 1)).split(",");
  } catch {
    return errorJson(400, "BAD_REQUEST", "the procedure path is not valid percent-encoded UTF-8");
  }
  if (url.searchParams.get("batch") === "1" && paths.length > MAX_BATCH_CALLS) {
    return errorJson(400, "BAD_REQUEST", `a tRPC batch has at most ${MAX_BATCH_CALLS} calls; this one has ${paths.length}: send them in several requests`);
  }
  const isUpload = paths.includes(UPLOAD_PATH);
  const limit = isUpload ? UPLOAD_LIMITS.bodyBytes : DEFAULT_BODY_LIMIT;
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (req.method === "POST" && !isUpload && Number.isFinite(declared) && declared > limit) {
    // Not read at all. (An upload's oversize body is refused by its procedure, which records the rejection.)
    return errorJson(413, "PAYLOAD_TOO_LARGE", new PayloadTooLargeError(limit, declared).message);
  }
  let request = req;
  const body = isUpload && req.method === "POST" ? bodyDigest() : undefined;
  if (req.method === "POST") {
    // A plain `curl -d @runs.json` sends form encoding; the body of an upload is JSON whatever it is labelled.
    const headers = new Headers(req.headers);
    if (isUpload && !/^application\/json\b/i.test(headers.get("content-type") ?? "")) headers.set("content-type", "application/json");
    request = limitBody(req, limit, headers, body?.hash);
    // tRPC reads the input with request.json(); an upload's syntax error then names its line and column.
    if (isUpload) withJsonSyntaxErrors(request);
  }
  return fetchRequestHandler({
    endpoint,
    req: request,
    router: appRouter,
    maxBatchSize: MAX_BATCH_CALLS,
    createContext: () => createContext({ headers: req.headers, ...(body ? { bodyHash: body.hex } : {}) }),
    responseMeta({ errors }) {
      // Headers an error asks for, e.g. WWW-Authenticate on 401 (later Retry-After on 429).
      const headers = new Headers();
      for (const e of errors) if (e.cause instanceof AppError) for (const [k, v] of Object.entries(e.cause.headers)) headers.set(k, v);
      return { headers };
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR" && !(error.cause instanceof AppError)) console.error(`tRPC ${path ?? "?"}:`, error.cause ?? error);
    },
  });
}
