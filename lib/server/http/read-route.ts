// The one wrapper of the read endpoints (GET route handlers), in the spirit of
// Dub's withWorkspace: read the URL query with the endpoint's schema module
// (lib/server/schemas/<endpoint>.ts), call the service with what it parsed,
// answer JSON, or CSV with ?format=csv, and map every error once
// (errorResponse: { error: { code, message, issues } } with its status).
// How to add an endpoint: docs/architecture.md.
import "server-only";
import { db, type Db } from "@/lib/db/client";
import { forRequest } from "@/lib/server/compute/pool";
import { errorResponse } from "@/lib/server/errors";
import { csvResponse, jsonResponse, requestedFormat } from "@/lib/server/responses";
import { toCsv, type CsvTable } from "@/lib/views/csv";

/** The route's path parameters (`[round]`, `[slug]`, …) by name. */
type PathParams<K extends string> = Record<K, string>;

/** What the handler knows of a request once its query is parsed. */
export interface ReadRequest<K extends string, I> {
  db: Db;
  /** Path parameters, e.g. `{ round }`. */
  path: PathParams<K>;
  /** What `parse` returned (undefined without one). */
  input: I;
  /** The request's headers (content negotiation, e.g. Accept-Encoding). */
  headers: Headers;
}

export interface ReadEndpoint<K extends string, I, R> {
  /** Names of the route's path parameters, e.g. `["round", "slug"]` for app/api/v1/rounds/[round]/submissions/[slug]. */
  path?: readonly K[];
  /** The endpoint's query schema: URL query → input; throws AppError 400 naming the parameter. */
  parse?: (query: URLSearchParams) => I;
  /** The service call: one options object in, plain data out. */
  load: (request: ReadRequest<K, I>) => Promise<R>;
  /**
   * The JSON answer: a value (written by jsonResponse) or a Response (e.g.
   * cachedJsonResponse, encodedJsonResponse). Default: the service's result as it is.
   */
  json?: (result: R, request: ReadRequest<K, I>) => unknown;
  /**
   * With `?format=csv` (any other format than json/csv is a 400; an endpoint
   * without `csv` answers JSON whatever `format` says). `table` builds the
   * rows (lib/views/csv-tables); `stream` replaces `load` + `table` for a CSV
   * sent in chunks.
   */
  csv?: {
    file: (request: ReadRequest<K, I>) => string;
  } & ({ table: (result: R) => CsvTable } | { stream: (request: ReadRequest<K, I>) => Promise<AsyncIterable<string>> });
}

type Handler<K extends string> = (req: Request, context: { params: Promise<PathParams<K>> }) => Promise<Response>;

/**
 * A GET handler from the endpoint's parts. The service runs inside
 * forRequest, so its computations count against the client's address
 * (lib/server/compute/pool.ts). The format is checked before the query, the
 * query before any database work.
 */
export function readRoute<K extends string = never, I = undefined, R = unknown>(endpoint: ReadEndpoint<K, I, R>): Handler<K> {
  return async (req, context) => {
    try {
      const url = new URL(req.url);
      const path = ((await context?.params) ?? {}) as PathParams<K>;
      const csv = endpoint.csv && requestedFormat(url, req.headers.get("accept")) === "csv" ? endpoint.csv : null;
      const input = endpoint.parse ? endpoint.parse(url.searchParams) : (undefined as I);
      const request: ReadRequest<K, I> = { db: db(), path, input, headers: req.headers };
      const res = await answer(endpoint, request, csv, req);
      // The answer depends on Accept where there is a CSV form: caches must key on it.
      if (endpoint.csv) res.headers.append("Vary", "Accept");
      return res;
    } catch (error) {
      return errorResponse(error);
    }
  };
}

async function answer<K extends string, I, R>(
  endpoint: ReadEndpoint<K, I, R>,
  request: ReadRequest<K, I>,
  csv: ReadEndpoint<K, I, R>["csv"] | null,
  req: Request,
): Promise<Response> {
  if (csv && "stream" in csv) return csvResponse(streamOf(await forRequest(req, () => csv.stream(request))), csv.file(request));
  const result = await forRequest(req, () => endpoint.load(request));
  if (csv) return csvResponse(tableText(csv.table(result)), csv.file(request));
  const body: unknown = endpoint.json ? await endpoint.json(result, request) : result;
  return body instanceof Response ? body : jsonResponse(body);
}

const tableText = ({ header, rows }: CsvTable) => toCsv(header, rows);

/** Text chunks as a byte stream, pulled as the client reads. */
function streamOf(chunks: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const it = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await it.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await it.return?.();
    },
  });
}
