// The application's typed error, mapped to HTTP statuses and tRPC codes in one
// place, so pages, REST routes and tRPC procedures report failures alike.
import { TRPCError } from "@trpc/server";
import type { Issue } from "@/lib/issue";
import { classifyDatabaseError, isInvalidText, sqlState } from "./db-errors";
import { sizedJson } from "./http/sized-json";

export type AppErrorCode =
  "BAD_REQUEST" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "TIMEOUT" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "TOO_MANY_REQUESTS" | "SERVICE_UNAVAILABLE";

const HTTP_STATUS: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TIMEOUT: 408,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
};

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly issues: Issue[] = [],
    /** Extra response headers, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }
}

/** Issues are reported in full up to this many; the message quotes the first few. */
export const MAX_ISSUES = 200;
const QUOTED_ISSUES = 5;

/** An AppError whose message quotes the first issues, so even a client that only prints the message sees the fields. */
export function issuesError(code: AppErrorCode, what: string, issues: Issue[]): AppError {
  const quoted = issues
    .slice(0, QUOTED_ISSUES)
    .map((i) => `${i.path}: ${i.message}`)
    .join("; ");
  const more = issues.length > QUOTED_ISSUES ? `; and ${issues.length - QUOTED_ISSUES} more` : "";
  const label = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
  return new AppError(code, `${what}: ${label}: ${quoted}${more}`, issues.slice(0, MAX_ISSUES));
}

/** A 400 for bad query parameters, each named in the message ("invalid query: tauMax: ..."). */
export function invalidQuery(issues: Issue[]): AppError {
  return new AppError("BAD_REQUEST", `invalid query: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
}

/** A 400 for one bad query parameter whose message says more (`detail`) than its issue (`short`). */
export function badParameter(path: string, detail: string, short: string): AppError {
  return new AppError("BAD_REQUEST", `invalid query: ${path}: ${detail}`, [{ path, message: short }]);
}

/** The one wording of a round that does not exist. */
export const unknownRoundText = (slug: string) => `unknown round "${slug}"`;

/** A 404 for a round that does not exist, listing the rounds that do; `path` is the field that named it. */
export function unknownRound(slug: string, rounds: readonly string[], path = "round"): AppError {
  return new AppError("NOT_FOUND", `${unknownRoundText(slug)}; rounds: ${rounds.join(", ")}`, [{ path, message: unknownRoundText(slug) }]);
}

export function toTRPCError(error: AppError): TRPCError {
  return new TRPCError({ code: error.code, message: error.message, cause: error });
}

/** The database is unreachable: retry shortly (the client may simply resend). */
export function databaseUnavailable(): AppError {
  return new AppError("SERVICE_UNAVAILABLE", "the database is unavailable; retry in a few seconds", [], { "Retry-After": "5" });
}

/** Any error as an AppError when it has a meaning for the client, else null (an internal error). */
export function asAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (isInvalidText(error)) return new AppError("BAD_REQUEST", "the request contains text the database cannot hold (e.g. the NUL character U+0000)");
  // Every class of database error a request can cause or a client can retry: never a 500 (lib/server/db-errors.ts).
  const state = sqlState(error);
  const code = state ? ` (SQLSTATE ${state})` : "";
  switch (classifyDatabaseError(error)) {
    case "unavailable":
      return databaseUnavailable();
    case "bad_request":
      return new AppError("BAD_REQUEST", `the database refused a value of the request as out of range or malformed${code}`);
    case "conflict":
      return new AppError("CONFLICT", `the request conflicts with stored data, possibly a concurrent change${code}; retry`, [], { "Retry-After": "1" });
    case "too_large":
      return new AppError("PAYLOAD_TOO_LARGE", `the request is too large for the database${code}; send less in one request`);
    default:
      return null;
  }
}

/** JSON error response of the REST routes: { error: { code, message, issues } }. */
export function errorResponse(unknownError: unknown): Response {
  const error = asAppError(unknownError) ?? unknownError;
  if (error instanceof AppError) {
    return sizedJson({ error: { code: error.code, message: error.message, issues: error.issues } }, { status: error.status, headers: error.headers });
  }
  console.error(error);
  return sizedJson({ error: { code: "INTERNAL_SERVER_ERROR", message: "internal error" } }, { status: 500 });
}
