// The HTTP entry of every tRPC procedure, shared by /api/trpc/<path> and the
// REST aliases (POST /api/v1/runs), so both run the same procedure with the
// same auth, limits and error shape.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { UPLOAD_LIMITS } from "@/lib/ingest/upload-schema";
import { AppError } from "@/lib/server/errors";
import { limitBody } from "@/lib/server/request-body";
import { appRouter } from "@/lib/server/routers/_app";
import { createContext } from "@/lib/server/trpc";

const UPLOAD_PATH = "ingest.upload";
/** Body limit of every other procedure: their inputs are small. */
const DEFAULT_BODY_LIMIT = 1024 * 1024;

export function handleTrpcRequest(req: Request, endpoint = "/api/trpc"): Promise<Response> {
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
