// Recognising "the database cannot serve this now" (stopped, restarting,
// network, or not answering within the configured time limits, lib/db/config.ts):
// such failures become 503 with a retry hint instead of a 500, and reads may
// fall back to cached results.

// P2028: an interactive transaction ran past its time limit (or its connection died).
const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
const UNAVAILABLE_ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TransactionAlreadyClosed"]);
// SQLSTATE class 08 (connection exception), 57P01-57P03 (shutdown, crash, cannot
// connect now), 57014 (statement_timeout), 53300 (too many connections).
const UNAVAILABLE_SQLSTATE = /^(08|57P0[123]|57014|53300)/;
const UNAVAILABLE_NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND"]);
const UNAVAILABLE_MESSAGE =
  /Can't reach database server|Connection terminated|terminating connection|database system is (shutting down|starting up)|Server has closed the connection|connection timeout|timeout exceeded when trying to connect|canceling statement due to statement timeout|Client has encountered a connection error|Query read timeout/i;

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown; code?: unknown } } };
  cause?: unknown;
}

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const e = error as ErrorLike;
  if (typeof e.code === "string" && (UNAVAILABLE_PRISMA_CODES.has(e.code) || UNAVAILABLE_NODE_CODES.has(e.code) || UNAVAILABLE_SQLSTATE.test(e.code)))
    return true;
  const cause = e.meta?.driverAdapterError?.cause;
  if (cause) {
    if (typeof cause.kind === "string" && UNAVAILABLE_ADAPTER_KINDS.has(cause.kind)) return true;
    const sqlState = cause.originalCode ?? cause.code;
    if (typeof sqlState === "string" && UNAVAILABLE_SQLSTATE.test(sqlState)) return true;
  }
  if (typeof e.message === "string" && UNAVAILABLE_MESSAGE.test(e.message)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

// SQLSTATE 22021 (character not in repertoire: NUL in text), 22P05 (untranslatable character).
const INVALID_TEXT_SQLSTATE = /^(22021|22P05)$/;

/**
 * The database refused a text value of the request (e.g. NUL). Inputs are
 * checked before they reach a query (lib/db/text.ts); this is the backstop
 * that keeps anything missed a 400 instead of a 500.
 */
export function isInvalidText(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const e = error as ErrorLike;
  const cause = e.meta?.driverAdapterError?.cause;
  if ([e.code, cause?.originalCode, cause?.code].some((c) => typeof c === "string" && INVALID_TEXT_SQLSTATE.test(c))) return true;
  if (typeof e.message === "string" && /invalid byte sequence for encoding/.test(e.message)) return true;
  return isInvalidText(e.cause, depth + 1);
}

/** The first non-empty line of an error message (Prisma messages start with a newline and a code frame). */
export function shortMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.find((l) => /Can't reach|terminat|refused|closed|timeout/i.test(l)) ?? lines[0] ?? "unknown error";
}

/** The SQLSTATE of a PostgreSQL error, wherever the driver adapter put it, or null. */
export function sqlState(error: unknown, depth = 0): string | null {
  if (!error || typeof error !== "object" || depth > 4) return null;
  const e = error as ErrorLike;
  const cause = e.meta?.driverAdapterError?.cause;
  for (const c of [cause?.originalCode, cause?.code, e.code]) if (typeof c === "string" && /^[0-9A-Z]{5}$/.test(c)) return c;
  return sqlState(e.cause, depth + 1);
}

export type DatabaseErrorClass = "bad_request" | "conflict" | "too_large" | "unavailable";

// Prisma's own codes for the same situations (P2000 value too long, P2020 out of range, P2002/P2003 constraints, P2025 row gone).
const PRISMA_CLASSES: Record<string, DatabaseErrorClass> = {
  P2000: "bad_request",
  P2020: "bad_request",
  P2002: "conflict",
  P2003: "conflict",
  P2025: "conflict",
  P2034: "unavailable",
};

/**
 * What a database error means for the client, by SQLSTATE class
 * (PostgreSQL Appendix A): 22 data exception (a value out of range, e.g.
 * 22003, or unreadable, 22P02) is the request's fault; 23 integrity constraint
 * violation is a conflict with stored data (e.g. a concurrent change); 54
 * program limit exceeded means the request is too large for one statement;
 * 08, 53, 57, 55P03 and 40 (connection, resources, shutdown or cancel, lock
 * timeout, serialization) mean "retry later". null: not a database error the
 * client can act on (an internal error).
 */
export function classifyDatabaseError(error: unknown): DatabaseErrorClass | null {
  if (isDatabaseUnavailable(error)) return "unavailable";
  const state = sqlState(error);
  if (state) {
    if (state.startsWith("22")) return "bad_request";
    if (state.startsWith("23")) return "conflict";
    if (state.startsWith("54")) return "too_large";
    if (/^(08|53|57|40)/.test(state) || state === "55P03") return "unavailable";
  }
  const code = (error as ErrorLike | null)?.code;
  return typeof code === "string" ? (PRISMA_CLASSES[code] ?? null) : null;
}
