// GET …/changes: the two versions compared, `from` and `to` (a version number
// or a date; lib/server/services/history.ts resolves them and names a bad one).
export function parseChangesParams(params: URLSearchParams): { from: string | null; to: string | null } {
  return { from: params.get("from"), to: params.get("to") };
}
