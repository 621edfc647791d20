// Responses of the read endpoints: JSON (non-finite numbers as "inf"/"nan",
// like every scoring interface) or CSV with `?format=csv`.
import "server-only";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { stringifyScoring } from "@/lib/scoring";
import { badParameter } from "@/lib/server/errors";
import { encodeJsonOffLoop } from "@/lib/server/compute/json-encoder";
import { peerAddress } from "@/lib/server/client-address";
import { acceptsGzip, ENCODED_HEADER, LENGTH_HEADER } from "@/lib/server/http/accept-encoding";
import { sizedText } from "@/lib/server/http/sized-json";

export type Format = "json" | "csv";

/**
 * `?format=json|csv`; anything else is a 400 naming the valid values. Without
 * `format`, an `Accept` header that ranks text/csv above JSON asks for CSV
 * (e.g. `curl -H "Accept: text/csv"`); a browser's wildcard gets JSON.
 */
export function requestedFormat(url: URL, accept: string | null = null): Format {
  const f = url.searchParams.get("format");
  if (f === null) return accept !== null && prefersCsv(accept) ? "csv" : "json";
  if (f !== "json" && f !== "csv") throw badParameter("format", `expected one of json, csv, got "${f}"`, "expected one of json, csv");
  return f;
}

/** text/csv has a higher quality than application/json (and than any wildcard) in an Accept header. */
function prefersCsv(accept: string): boolean {
  const quality = new Map<string, number>();
  for (const part of accept.split(",")) {
    const [type = "", ...params] = part.split(";").map((p) => p.trim().toLowerCase());
    const q = params.find((p) => p.startsWith("q="));
    quality.set(type, Math.max(quality.get(type) ?? 0, q ? Number(q.slice(2)) || 0 : 1));
  }
  const csv = quality.get("text/csv") ?? 0;
  return csv > 0 && csv > Math.max(quality.get("application/json") ?? 0, quality.get("*/*") ?? 0, quality.get("application/*") ?? 0);
}

export function jsonResponse(value: unknown): Response {
  return jsonBody(stringifyScoring(value));
}

/**
 * The same JSON as jsonResponse for reports that can be megabytes: written,
 * and gzipped when the client accepts gzip, on a low-priority worker thread
 * (lib/server/compute/json-encoder.ts), so the request loop only sends bytes
 * (Next's own compression would gzip them on the request loop). Gzipped only
 * behind scripts/server.ts (the request has its peer stamp), which sets the
 * Content-Encoding (ENCODED_HEADER).
 */
export async function encodedJsonResponse(value: unknown, headers: Headers): Promise<Response> {
  const gzip = acceptsGzip(headers.get("accept-encoding")) && peerAddress(headers) !== null;
  const body = await encodeJsonOffLoop(value, gzip);
  return new Response(body as Uint8Array<ArrayBuffer>, {
    headers: { "content-type": "application/json; charset=utf-8", ...(gzip ? { [ENCODED_HEADER]: "gzip" } : {}), vary: "Accept-Encoding" },
  });
}

// With its length: Next's compression then leaves answers under 1 KB alone (lib/server/http/sized-json.ts).
const jsonBody = (body: string) => sizedText(body, "application/json");
/** Per cached object and view: its JSON text, and once a client accepted gzip, the text gzipped. */
const bodies = new WeakMap<object, Map<string, { text: string; gzip?: Promise<Buffer> }>>();
const gzipOffLoop = promisify(gzip);
/** Answers under this many bytes go out as they are (Next's compression leaves them alone too). */
const GZIP_MIN_BYTES = 1024;

/**
 * JSON of `make()`, a view of `from`, an object of the cache (lib/server/cache.ts):
 * made once per such object and `view`. Serializing a big leaderboard costs
 * more than the rest of a cached request. With the request's `headers`, a
 * client that accepts gzip gets the body gzipped once per object and view too,
 * on libuv's threads (behind scripts/server.ts, which sets Content-Encoding):
 * Next's compression gzipped the 275-380 KB answers of the biggest round on the
 * request loop for every request, which made them the slowest answers of
 * `bench:load` (docs/performance.md).
 */
export async function cachedJsonResponse(from: object, view: string, make: () => unknown, headers?: Headers): Promise<Response> {
  let views = bodies.get(from);
  if (!views) bodies.set(from, (views = new Map()));
  let body = views.get(view);
  if (body === undefined) views.set(view, (body = { text: stringifyScoring(make()) }));
  if (!headers || body.text.length < GZIP_MIN_BYTES || !acceptsGzip(headers.get("accept-encoding")) || peerAddress(headers) === null)
    return jsonBody(body.text);
  const payload = await (body.gzip ??= gzipOffLoop(body.text));
  return new Response(payload as Uint8Array<ArrayBuffer>, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      [ENCODED_HEADER]: "gzip",
      [LENGTH_HEADER]: String(payload.length),
      vary: "Accept-Encoding",
    },
  });
}

export function csvResponse(csv: string | ReadableStream<Uint8Array>, fileName: string): Response {
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
    },
  });
}
