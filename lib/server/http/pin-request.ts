// `?at=` on any page or endpoint of a round (docs/history.md): the server
// resolves it to a version before Next.js sees the request and runs the
// request inside lib/db/pinned.ts's pinContext, so every db() of the render
// reads the round at that version. A bad `at` is answered here with a 400
// naming the parameter; a pinned 200 is immutable and cached for a year.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Db } from "@/lib/db/client";
import { pinContext, type Pin } from "@/lib/db/pinned";
import { AppError, errorResponse } from "@/lib/server/errors";
import { resolveVersion } from "@/lib/server/services/history-versions";
import { PAPER_ROUND } from "@/lib/views/routes";

export const IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable";

/** The round a URL views: its path (/rounds/<r>, /analysis/<r>, /api/v1/rounds/<r>, /badges/<r>, /paper) or its `round` parameter. */
export function roundOfUrl(url: URL): string | null {
  const m = /^\/(?:api\/v1\/rounds|rounds|analysis|badges)\/([^/]+)/.exec(url.pathname);
  if (m) return decodeURIComponent(m[1]!);
  if (/^\/(?:api\/v1\/)?paper(?:\/|$)/.test(url.pathname)) return PAPER_ROUND;
  return url.searchParams.get("round") || null;
}

/** The URL without `at`: the current view of the same page. */
export function currentUrlOf(url: URL): string {
  const params = new URLSearchParams(url.search);
  params.delete("at");
  const query = params.toString();
  return `${url.pathname}${query ? `?${query}` : ""}`;
}

/**
 * Serves `serve` pinned to the version `?at=` names, or answers the 400 of a
 * bad one; requests without `at` (and writes) are served as they are.
 */
export async function servePinned(req: IncomingMessage, res: ServerResponse, database: () => Db, serve: () => Promise<void>): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const raw = url.searchParams.get("at");
  if (raw === null || (req.method !== "GET" && req.method !== "HEAD")) return serve();
  let pin: Pin;
  try {
    const round = roundOfUrl(url);
    if (!round)
      throw new AppError(
        "BAD_REQUEST",
        "invalid query: at: this page shows no single round: add round=<slug> (or open the round's page) to view a past version",
        [{ path: "at", message: "no round to pin" }],
      );
    const v = await resolveVersion(database(), { round, raw });
    pin = { round: v.round, roundId: v.roundId, version: v.version, at: v.at, current: v.current, raw, path: url.pathname };
  } catch (error) {
    // An unknown round is the page's own 404.
    if (error instanceof AppError && error.code === "NOT_FOUND") return serve();
    return badAt(res, url, error);
  }
  immutableWhenOk(res);
  return pinContext.run(pin, serve);
}

async function badAt(res: ServerResponse, url: URL, error: unknown): Promise<void> {
  const answer = errorResponse(error);
  if (url.pathname.startsWith("/api/")) {
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(await answer.text());
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  res.writeHead(answer.status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad version</title></head><body>` +
      `<main><h1>This version cannot be shown</h1><p role="alert">${escape(message)}</p>` +
      `<p><a href="${escape(currentUrlOf(url))}">See the current view</a></p></main></body></html>`,
  );
}

/** A pinned view never changes: a 200 may be kept for a year by any cache. */
function immutableWhenOk(res: ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: Parameters<typeof writeHead>) {
    if (args[0] === 200) {
      this.setHeader("cache-control", IMMUTABLE_CACHE_CONTROL);
      const headers = args.find((a, i) => i > 0 && a !== null && typeof a === "object" && !Array.isArray(a)) as Record<string, unknown> | undefined;
      if (headers) for (const k of Object.keys(headers)) if (k.toLowerCase() === "cache-control") headers[k] = IMMUTABLE_CACHE_CONTROL;
    }
    return writeHead.apply(this, args);
  } as typeof writeHead;
}
