// The handler of a REST alias of an admin procedure (POST /api/v1/rounds,
// PATCH /api/v1/rounds/<round>, POST /api/v1/rounds/<round>/close): the JSON
// body (and the URL's round) become the procedure's input, called in-process
// like POST /api/v1/runs, so auth, rate limits, audit and errors are the
// procedure's own; the answer is the result or { error: { code, message, issues } }.
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { AppError, errorResponse, issuesError } from "@/lib/server/errors";
import { limitBody } from "@/lib/server/request-body";
import { createCaller } from "@/lib/server/routers/_app";
import { createContext, zodIssues } from "@/lib/server/trpc";

type Caller = ReturnType<typeof createCaller>;
type RouteContext = { params: Promise<Record<string, string>> };

/** Admin request bodies are small (a targets file is a few KiB). */
const BODY_LIMIT = 1024 * 1024;

async function readJsonObject(req: Request): Promise<Record<string, unknown>> {
  const text = await limitBody(req, BODY_LIMIT).text();
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = `not JSON: ${error instanceof Error ? error.message : String(error)}`;
    throw new AppError("BAD_REQUEST", `invalid body: ${message}`, [{ path: "(body)", message }]);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new AppError("BAD_REQUEST", "invalid body: expected a JSON object", [{ path: "(body)", message: "expected a JSON object" }]);
  return value as Record<string, unknown>;
}

/** The error a caller throws as the app's error (zod input errors -> 400 naming each field). */
function callerError(error: unknown): unknown {
  const cause = error instanceof TRPCError && error.cause ? error.cause : error;
  return cause instanceof z.ZodError ? issuesError("BAD_REQUEST", "invalid input", zodIssues(cause)) : cause;
}

export function adminRoute(options: {
  call: (caller: Caller, body: Record<string, unknown>, params: Record<string, string>) => Promise<unknown>;
  /** Status of a success (201 for a creation). */
  status?: number;
}): (req: Request, context: RouteContext) => Promise<Response> {
  return async (req, { params }) => {
    try {
      const body = await readJsonObject(req);
      const caller = createCaller(createContext({ headers: req.headers }));
      const result = await options.call(caller, body, await params);
      return Response.json(result, { status: options.status ?? 200 });
    } catch (error) {
      return errorResponse(callerError(error));
    }
  };
}
