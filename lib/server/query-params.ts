// URL query parameters → validated values, with errors that name the
// parameter (one mechanism for every REST route and page of the API).
import type { z } from "zod";
import { invalidQuery } from "@/lib/server/errors";

/**
 * Reads the listed parameters (empty values count as absent; `numbers` are
 * converted with Number, so "abc" fails validation as NaN) and validates
 * them with `schema`.
 * @throws AppError BAD_REQUEST with one issue per bad parameter.
 */
export function parseParams<S extends z.ZodType>(
  schema: S,
  params: URLSearchParams,
  fields: { numbers?: readonly string[]; strings?: readonly string[]; lists?: readonly string[] },
): z.infer<S> {
  const raw: Record<string, unknown> = {};
  for (const key of fields.numbers ?? []) {
    const v = params.get(key);
    if (v !== null && v.trim() !== "") raw[key] = Number(v);
  }
  for (const key of fields.strings ?? []) {
    const v = params.get(key);
    if (v !== null && v.trim() !== "") raw[key] = v.trim();
  }
  for (const key of fields.lists ?? []) {
    const v = params.get(key);
    if (v !== null && v.trim() !== "")
      raw[key] = v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: String(i.path[0] ?? "query"), message: i.message }));
    throw invalidQuery(issues);
  }
  return parsed.data;
}
