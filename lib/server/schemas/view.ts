// The endpoints that take a leaderboard view (…/leaderboard, …/profiles,
// …/workloads/<key>): the view's URL parameters (lib/views/parse-query.ts),
// strictly: a page ignores a bad parameter and says so, an endpoint answers 400.
import { invalidQuery } from "@/lib/server/errors";
import { parseViewQuery } from "@/lib/views/parse-query";
import type { ViewQuery } from "@/lib/views/query";

/** @throws AppError BAD_REQUEST naming every bad parameter. */
export function parseViewParams(params: URLSearchParams): ViewQuery {
  const { query, issues } = parseViewQuery(params);
  if (issues.length) throw invalidQuery(issues);
  return query;
}
