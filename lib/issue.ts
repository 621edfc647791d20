// The one shape of a problem with a request: where (a JSON path or a query
// parameter name) and what. Upload checks, query checks, the JSON guard and
// AppError all report it (their older names are aliases of this type).
export interface Issue {
  /** JSON path of the offending field, e.g. "runs.3.timeSeconds", or a query parameter name. */
  path: string;
  message: string;
}
