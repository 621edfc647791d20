// The GET handler of an analysis endpoint that answers JSON or, with
// ?format=csv, CSV: parse the query with the endpoint's parser, call its
// service with one options object, map errors once (errorResponse). One
// definition for the analysis routes that were written out by hand each time.
import { db, type Db } from "@/lib/db/client";
import { forRequest } from "@/lib/server/compute/pool";
import { errorResponse } from "@/lib/server/errors";
import { csvResponse, requestedFormat, streamedJsonResponse } from "@/lib/server/responses";
import { toCsv, type CsvValue } from "@/lib/views/csv";
import { withMixedColumns, type MixedFlag } from "@/lib/views/mixed-pool";

type RouteContext = { params: Promise<{ round: string }> };

export function analysisRoute<Q, O extends object, R>(endpoint: {
  /** File name of the CSV: `<round>-<name>.csv`. */
  name: string;
  parse: (params: URLSearchParams) => { query: Q; options: O };
  compute: (db: Db, options: { round: string; query: Q } & O) => Promise<R>;
  csv: (report: R) => { header: string[]; rows: CsvValue[][] };
}): (req: Request, context: RouteContext) => Promise<Response> {
  return async (req, { params }) => {
    try {
      const { round } = await params;
      const url = new URL(req.url);
      const format = requestedFormat(url);
      const { query, options } = endpoint.parse(url.searchParams);
      // Computations count against the client's limit (docs/availability.md §1).
      const report = await forRequest(req, () => endpoint.compute(db(), { round, query, ...options }));
      if (format === "csv") {
        const mixed = (report as { mixed?: MixedFlag | null }).mixed;
        const { header, rows } = withMixedColumns(endpoint.csv(report), mixed);
        return csvResponse(toCsv(header, rows), `${round}-${endpoint.name}.csv`);
      }
      // A report can be megabytes (points=10000): written in pieces, off one long stringify.
      return streamedJsonResponse(report);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
