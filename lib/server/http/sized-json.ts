// JSON answers that carry their Content-Length. Next's compression middleware
// skips answers under 1 KB only when it knows their length; a Response built
// from a string reaches it without one (Next drops a route handler's
// Content-Length), so every small answer (a 503 or 429 of the compute budget,
// /api/health, an error) got a gzip stream of its own, set up, flushed and
// torn down on the request loop: under a storm of refused analysis requests
// about a second of the loop's time in 20 s (docs/availability.md §1). The
// length travels in LENGTH_HEADER, which scripts/server.ts turns into
// Content-Length.
import { LENGTH_HEADER } from "./accept-encoding";

/** `Response.json(value, init)` with its Content-Length. */
export function sizedJson(value: unknown, init: ResponseInit = {}): Response {
  return sizedText(JSON.stringify(value), "application/json", init);
}

/** A text answer of `type` (charset utf-8) with its Content-Length. */
export function sizedText(text: string, type: string, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  if (!headers.has("content-type")) headers.set("content-type", `${type}; charset=utf-8`);
  headers.set(LENGTH_HEADER, String(Buffer.byteLength(text)));
  return new Response(text, { ...init, headers });
}
