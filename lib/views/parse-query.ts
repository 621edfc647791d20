// Reading a leaderboard view from URL parameters (zod-validated). Kept apart
// from query.ts so the client bundle does not carry zod.
import type { Issue } from "@/lib/issue";
import { z } from "zod";
import { DIRECTIONS, EMPTY_QUERY, SCALES, SORT_COLUMNS, SOURCES, type ViewQuery } from "./query";
import { integrationParam, pointsParam, scaleParam, tauMaxParam } from "./scoring-params";

/** A horizon filter value: the percentage of the step budget ("33"), or "none" (no horizon). */
const horizonValue = z
  .string()
  .max(4)
  .regex(/^(\d{1,3}|none)$/, { error: 'expected a percentage such as "33", or "none"' });
const slug = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._-]+$/, { error: "expected a submission slug (letters, digits, . _ -)" });
const label = z.string().min(1).max(200);

export const viewQuerySchema: z.ZodType<ViewQuery> = z.object({
  /** Training horizons to keep (multi-select). Empty = all. */
  horizon: z.array(horizonValue).max(20),
  /** Optimizer families to keep (multi-select). Empty = all. */
  family: z.array(label).max(50),
  /** Base algorithms to keep (multi-select). Empty = all. */
  base: z.array(label).max(100),
  /** Provenance to keep. Empty = all. */
  source: z.array(z.enum(SOURCES, { error: `expected one of ${SOURCES.join(", ")}` })).max(3),
  /** Submissions added to the round's default pool (e.g. an imported row). */
  add: z.array(slug).max(5000),
  /** Submissions removed from the round's default pool. */
  remove: z.array(slug).max(5000),
  complete: z.enum(["only"], { error: "expected only" }).optional(),
  tauMax: tauMaxParam.optional(),
  integration: integrationParam.optional(),
  points: pointsParam.optional(),
  scale: scaleParam.optional(),
  sort: z
    .string()
    .max(220)
    .refine((s) => (SORT_COLUMNS as readonly string[]).includes(s) || /^w:[A-Za-z0-9._-]+$/.test(s), {
      error: `expected one of ${SORT_COLUMNS.join(", ")} or w:<workload>`,
    })
    .optional(),
  dir: z.enum(DIRECTIONS, { error: "expected asc or desc" }).optional(),
  /** Tau axis of the profile plot (display only; the score's grid is `scale`). */
  axis: z.enum(SCALES, { error: `expected one of ${SCALES.join(", ")}` }).optional(),
  /** Profile curves hidden in the plot (display only). */
  hide: z.array(z.string().min(1).max(300)).max(5000),
});

type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

function getAll(params: RawParams, key: string): string[] {
  const raw = params instanceof URLSearchParams ? params.getAll(key) : [params[key] ?? []].flat();
  return raw.map((v) => v.trim()).filter((v) => v !== "");
}

/** Slug lists also accept "a,b,c" (slugs never contain commas); labels are repeated parameters only. */
const splitList = (values: string[]) =>
  values
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);

const LIST_KEYS = ["horizon", "family", "base", "source", "add", "remove", "hide"] as const;
const COMMA_KEYS = new Set(["horizon", "source", "add", "remove", "hide"]);

/**
 * Reads a view from URL parameters. Unknown parameters are ignored (so
 * analytics tags and the like do not break a shared link); every known one
 * is validated, and each problem names its parameter and the valid values.
 */
export function parseViewQuery(params: RawParams): { query: ViewQuery; issues: Issue[] } {
  const raw: Record<string, unknown> = {};
  for (const key of LIST_KEYS) {
    const values = getAll(params, key);
    raw[key] = [...new Set(COMMA_KEYS.has(key) ? splitList(values) : values)];
  }
  for (const key of ["tauMax", "points"] as const) {
    const v = getAll(params, key)[0];
    if (v !== undefined) raw[key] = Number(v);
  }
  for (const key of ["complete", "integration", "scale", "sort", "dir", "axis"] as const) {
    const v = getAll(params, key)[0];
    if (v !== undefined) raw[key] = v;
  }
  const parsed = viewQuerySchema.safeParse(raw);
  if (parsed.success) return { query: parsed.data, issues: [] };

  // Keep what is valid, so one bad parameter does not throw the whole view away.
  const issues = parsed.error.issues.map((i) => ({ path: String(i.path[0] ?? "query"), message: i.message }));
  const bad = new Set(issues.map((i) => i.path));
  const kept = Object.fromEntries(Object.entries(raw).filter(([k]) => !bad.has(k)));
  for (const key of LIST_KEYS) if (bad.has(key)) kept[key] = [];
  const retry = viewQuerySchema.safeParse(kept);
  return { query: retry.success ? retry.data : EMPTY_QUERY, issues };
}
