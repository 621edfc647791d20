// The HTTP entry of every tRPC procedure, shared by /api/trpc/<path> and the
// REST aliases (POST /api/v1/runs), so both run the same procedure with the
// same auth, limits and error shape.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { UPLOAD_LIMITS } from "@/lib/ingest/upload-schema";
import { AppError } from "@/lib/server/errors";
import { limitBody } from "@/lib/server/request-body";
import { API_SECURITY_HEADERS, badAddress } from "./address";
import { appRouter } from "@/lib/server/routers/_app";
import { createContext } from "@/lib/server/trpc";

const UPLOAD_PATH = "ingest.upload";
/** Body limit of every other procedure: their inputs are small. */
const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * proxy.ts does not run for the tRPC paths (so that Next does not buffer their
 * bodies before the token check): the address check and the security headers
 * are applied here instead.
 */
export async function handleTrpcRequest(req: Request, endpoint = "/api/trpc"): Promise<Response> {
  const problem = badAddress(new URL(req.url));
  // The tRPC error envelope, which the REST aliases translate like any other error.
  const res = problem
    ? Response.json({ error: { message: `invalid address: ${problem}`, code: -32600, data: { code: "BAD_REQUEST", httpStatus: 400, issues: [{ path: "(url)", message: problem }] } } }, { status: 400 })
    : await runTrpc(req, endpoint);
  const headers = new Headers(res.headers);
  for (const [k, v] of Object.entries(API_SECURITY_HEADERS)) headers.set(k, v);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

function runTrpc(req: Request, endpoint: string): Promise<Response> {
  const paths = decodeURIComponent(new URL(req.url).pathname.slice(endpoint.length + 1)).split(",");
  const isUpload = paths.includes(UPLOAD_PATH);
  let request = req;
  if (req.method === "POST") {
    // A plain `curl -d @runs.json` sends form encoding; the body of an upload is JSON whatever it is labelled.
    const headers = new Headers(req.headers);
    if (isUpload && !/^application\/json\b/i.test(headers.get("content-type") ?? "")) headers.set("content-type", "application/json");
    request = limitBody(req, isUpload ? UPLOAD_LIMITS.bodyBytes : DEFAULT_BODY_LIMIT, headers);
  }
  return fetchRequestHandler({
    endpoint,
    req: request,
    router: appRouter,
    createContext: () => createContext({ headers: req.headers }),
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
