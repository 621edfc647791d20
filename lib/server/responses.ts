// Responses of the read endpoints: JSON (non-finite numbers as "inf"/"nan",
// like every scoring interface) or CSV with `?format=csv`.
import { stringifyScoring } from "@/lib/scoring";
import { AppError } from "@/lib/server/errors";
import { scoringJsonStream } from "@/lib/server/json-stream";

export type Format = "json" | "csv";

/** `?format=json|csv` (default json); anything else is a 400 naming the valid values. */
export function requestedFormat(url: URL): Format {
  const f = url.searchParams.get("format") ?? "json";
  if (f !== "json" && f !== "csv") throw new AppError("BAD_REQUEST", `invalid query: format: expected one of json, csv, got "${f}"`, [{ path: "format", message: "expected one of json, csv" }]);
  return f;
}

export function jsonResponse(value: unknown): Response {
  return jsonBody(stringifyScoring(value));
}

/** The same JSON as jsonResponse, written in 64 KB pieces with the event loop free between them (for reports that can be megabytes). */
export function streamedJsonResponse(value: unknown): Response {
  return new Response(scoringJsonStream(value), { headers: { "content-type": "application/json; charset=utf-8" } });
}

const jsonBody = (body: string) => new Response(body, { headers: { "content-type": "application/json; charset=utf-8" } });
const bodies = new WeakMap<object, Map<string, string>>();

/**
 * JSON of `make()`, a view of `from`, an object of the cache (lib/server/cache.ts):
 * made once per such object and `view`. Serializing a big leaderboard costs
 * more than the rest of a cached request.
 */
export function cachedJsonResponse(from: object, view: string, make: () => unknown): Response {
  let views = bodies.get(from);
  if (!views) bodies.set(from, (views = new Map()));
  let body = views.get(view);
  if (body === undefined) views.set(view, (body = stringifyScoring(make())));
  return jsonBody(body);
}

export function csvResponse(csv: string | ReadableStream<Uint8Array>, fileName: string): Response {
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
    },
  });
}
