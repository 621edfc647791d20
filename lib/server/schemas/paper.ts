// GET /api/v1/paper and the /paper page: `integration` (exact by default, as
// the paper). One reading for both: the endpoint answers 400 for a bad value,
// the page falls back to the default and names the ignored parameter, as every
// page does with its view parameters.
import type { Issue } from "@/lib/issue";
import { invalidQuery } from "@/lib/server/errors";

export type PaperIntegration = "exact" | "trapezoid";

/** The integration mode asked for (the first value of a repeated parameter), and the problem with it if any. */
export function readPaperParams(requested: string | string[] | null | undefined): { integration: PaperIntegration; issues: Issue[] } {
  const value = Array.isArray(requested) ? requested[0] : requested;
  if (value === undefined || value === null || value === "exact" || value === "trapezoid") return { integration: value ?? "exact", issues: [] };
  return { integration: "exact", issues: [{ path: "integration", message: `expected one of exact, trapezoid, got "${value}"` }] };
}

/** @throws AppError BAD_REQUEST naming `integration` when it is neither exact nor trapezoid. */
export function parsePaperParams(params: URLSearchParams): { integration: PaperIntegration } {
  const { integration, issues } = readPaperParams(params.get("integration"));
  if (issues.length) throw invalidQuery(issues);
  return { integration };
}
