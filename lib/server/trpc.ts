/**
 * tRPC for the whole app, in three parts: 1. context, 2. initialisation and
 * error shape, 3. procedure builders. Routers stay thin and call services.
 *
 * No data transformer: every input and output is plain JSON, so runners can
 * call procedures with curl or Python `requests` without a tRPC client.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import { z } from "zod";
import { db, type Db } from "@/lib/db/client";
import { unstorableText } from "@/lib/db/text";
import { AppError, asAppError, toTRPCError } from "@/lib/server/errors";
import { isRehearsal } from "@/lib/server/http/rehearsal-key";
import { clientIp, consume, WRITE_LIMITS } from "@/lib/server/rate-limit";
import { PayloadTooLargeError } from "@/lib/server/request-body";
import { audit, auditAnonymousRejection } from "@/lib/server/services/audit";
import { authenticate, requireScope, type TokenIdentity } from "@/lib/server/services/tokens";
import { REHEARSAL_TOKEN } from "@/lib/server/services/upload-rehearsal";

// 1. Context -----------------------------------------------------------------

export interface Context {
  db: Db;
  headers: Headers;
  /** Client address: the TCP peer, or what trusted proxies forwarded (lib/server/client-address.ts). */
  ip: string | null;
  /**
   * The request body of a REST alias (POST /api/v1/runs), read only when a
   * procedure asks for it: after the token is checked (ingest.upload).
   */
  body?: () => Promise<unknown>;
  /** sha256 (hex) of the request body's bytes once it has been read, when the handler hashed it as it streamed (uploads). */
  bodyHash?: () => string;
  /** The web process's own upload rehearsal at start (lib/server/services/upload-rehearsal.ts). */
  rehearsal?: true;
}

export function createContext(opts: { headers: Headers; db?: Db; body?: () => Promise<unknown>; bodyHash?: () => string }): Context {
  const ip = clientIp(opts.headers);
  return {
    db: opts.db ?? db(),
    headers: opts.headers,
    ip: ip === "unknown" ? null : ip,
    ...(opts.body ? { body: opts.body } : {}),
    ...(opts.bodyHash ? { bodyHash: opts.bodyHash } : {}),
    ...(isRehearsal(opts.headers) ? { rehearsal: true as const } : {}),
  };
}

// 2. Initialisation ----------------------------------------------------------

/** zod issues as the app's { path, message } issues ("runs.3.study"; "(root)" for the body itself). */
export function zodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join(".") || "(root)", message: i.message }));
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    // One error shape for every client: the message names the fields, and
    // data.issues lists them as { path, message } (zod issues flattened).
    const cause = error.cause;
    if (cause instanceof z.ZodError) {
      const issues = zodIssues(cause);
      const message = `invalid input: ${issues
        .slice(0, 5)
        .map((i) => `${i.path}: ${i.message}`)
        .join("; ")}${issues.length > 5 ? `; and ${issues.length - 5} more` : ""}`;
      return { ...shape, message, data: { ...shape.data, issues } };
    }
    if (cause instanceof AppError) return { ...shape, data: { ...shape.data, issues: cause.issues } };
    // Unexpected failures are logged by the HTTP handler; their text (SQL, paths) stays on the server.
    if (error.code === "INTERNAL_SERVER_ERROR") return { ...shape, message: "internal error", data: { ...shape.data, issues: null, stack: undefined } };
    return { ...shape, data: { ...shape.data, issues: null } };
  },
});

// 3. Router and procedures ---------------------------------------------------

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/**
 * Services throw AppError; tRPC needs TRPCError to answer with the right
 * status. An unreachable database becomes 503 with Retry-After (lib/server/errors.ts).
 */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    // A body over its limit fails while tRPC reads the input, which tRPC reports as a 400 (README: 413).
    const tooLarge = PayloadTooLargeError.find(result.error);
    if (tooLarge) throw toTRPCError(new AppError("PAYLOAD_TOO_LARGE", tooLarge.message, [{ path: "(body)", message: tooLarge.message }]));
    const appError = asAppError(result.error.cause);
    if (appError) throw toTRPCError(appError);
  }
  return result;
});

export const publicProcedure = t.procedure.use(appErrors);

/**
 * Requires `Authorization: Bearer <token>` (401 otherwise). A failed attempt
 * is audited (without the token); successful actions are audited by their
 * service, in the transaction that does them.
 *
 * Write rate limits (lib/server/rate-limit.ts) come first, for tRPC and REST
 * callers alike and before any input is read: per client address before the
 * token is even looked at, so a client guessing tokens (or sending none) is
 * limited too, then per token. A limited request is answered 429 with
 * Retry-After and not audited, so a flood cannot fill the audit log.
 */
export const authedProcedure = publicProcedure.use(async ({ ctx, path, next }) => {
  // The process's own upload rehearsal: its own identity, no rate limit counted (nothing of it is kept); for that procedure only.
  if (ctx.rehearsal && path === "ingest.upload") return next({ ctx: { token: REHEARSAL_TOKEN } });
  // In-process callers (createCaller) have no address.
  if (ctx.ip) await consume(ctx.db, `ip:${ctx.ip}`, WRITE_LIMITS.perIp());
  let token: TokenIdentity;
  try {
    token = await authenticate(ctx.db, ctx.headers.get("authorization"));
  } catch (error) {
    // Counted per address and minute, not written per call: anonymous floods cannot fill the audit log.
    if (error instanceof AppError) await auditAnonymousRejection(ctx.db, { action: path, outcome: error.code, ip: ctx.ip, message: error.message });
    throw error;
  }
  await consume(ctx.db, `token:${token.id}`, WRITE_LIMITS.perToken());
  return next({ ctx: { token } });
});

/** Admin scope (403 for an upload token); failures are audited under the token's name. */
export const adminProcedure = authedProcedure.use(async ({ ctx, path, getRawInput, next }) => {
  try {
    requireScope(ctx.token, "admin", path);
  } catch (error) {
    if (error instanceof AppError)
      await audit(ctx.db, {
        tokenName: ctx.token.name,
        action: path,
        target: await describeTarget(getRawInput),
        outcome: error.code,
        details: { message: error.message },
      });
    throw error;
  }
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    const code = cause instanceof AppError ? cause.code : result.error.code;
    await audit(ctx.db, {
      tokenName: ctx.token.name,
      action: path,
      target: await describeTarget(getRawInput),
      outcome: code,
      details: { message: result.error.message },
    });
  }
  return result;
});

/** "round/submission" from an admin request's raw input, for the audit log. */
async function describeTarget(getRawInput: () => Promise<unknown>): Promise<string | null> {
  try {
    const raw = (await getRawInput()) as Record<string, unknown> | null;
    // Not validated yet: keep only what could name a round or submission.
    if (raw && typeof raw === "object")
      return [raw.round ?? raw.slug, raw.submission].filter((v) => typeof v === "string" && v.length <= 100 && !unstorableText(v)).join("/") || null;
  } catch {
    // An unreadable body has no target.
  }
  return null;
}

export { TRPCError };
