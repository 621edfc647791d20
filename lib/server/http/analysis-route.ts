// The GET handler of an analysis endpoint of a round that answers JSON or,
// with ?format=csv, CSV: a shorthand of readRoute (read-route.ts) for the
// common shape { round, query, ...options } → report, CSV named
// `<round>-<name>.csv`; a mixed pool's CSV gets the mixed-pool columns
// (lib/views/mixed-pool.ts).
import "server-only";
import type { Db } from "@/lib/db/client";
import { encodedJsonResponse } from "@/lib/server/responses";
import type { CsvTable } from "@/lib/views/csv";
import { withMixedColumns, type MixedFlag } from "@/lib/views/mixed-pool";
import { readRoute } from "./read-route";

export function analysisRoute<Q, O extends object, R>(endpoint: {
  /** File name of the CSV: `<round>-<name>.csv`. */
  name: string;
  /** The endpoint's schema module's parser (lib/server/schemas/). */
  parse: (params: URLSearchParams) => { query: Q; options: O };
  compute: (db: Db, options: { round: string; query: Q } & O) => Promise<R>;
  /** The CSV table builder (lib/views/csv-tables/). */
  csv: (report: R) => CsvTable;
}) {
  return readRoute({
    path: ["round"],
    parse: endpoint.parse,
    load: ({ db, path, input }) => endpoint.compute(db, { round: path.round, query: input.query, ...input.options }),
    // A report can be megabytes (points=10000): serialized and gzipped off the request loop.
    json: (report, { headers }) => encodedJsonResponse(report, headers),
    csv: {
      file: ({ path }) => `${path.round}-${endpoint.name}.csv`,
      table: (report) => withMixedColumns(endpoint.csv(report), (report as { mixed?: MixedFlag | null }).mixed),
    },
  });
}
