// The state of a leaderboard view as it lives in the URL: which submissions
// form the pool (filters, additions, removals), the scoring settings and the
// display options. The pages, the JSON/CSV endpoints and the client controls
// read and write URLs through this module and parse-query.ts, so a view is the
// same wherever its URL is opened. No zod here: client components import it.
export const SOURCES = ["published", "imported", "uploaded"] as const;
export type Source = (typeof SOURCES)[number];

export const INTEGRATIONS = ["trapezoid", "exact"] as const;
export const SCALES = ["linear", "log"] as const;
export const DIRECTIONS = ["asc", "desc"] as const;

/** Columns the leaderboard can be sorted by; `w:<workload key>` sorts by that workload's ratio. */
export const SORT_COLUMNS = ["rank", "name", "family", "base", "horizon", "score", "hits"] as const;

export interface ViewQuery {
  /** Training horizons to keep, as percentages ("33") or "none" (multi-select; empty = all). */
  horizon: string[];
  /** Optimizer families to keep (empty = all). */
  family: string[];
  /** Base algorithms to keep (empty = all). */
  base: string[];
  /** Provenance to keep (empty = all). */
  source: Source[];
  /** Submissions added to the round's default pool (e.g. an imported row). */
  add: string[];
  /** Submissions removed from the round's default pool. */
  remove: string[];
  tauMax?: number;
  /** "only": incomplete submissions (fewer runs than the round expects) leave the pool. */
  complete?: "only";
  integration?: (typeof INTEGRATIONS)[number];
  points?: number;
  scale?: (typeof SCALES)[number];
  /** A column of SORT_COLUMNS or `w:<workload key>`. */
  sort?: string;
  dir?: (typeof DIRECTIONS)[number];
  /** Tau axis of the profile plot (display only; the score's grid is `scale`). */
  axis?: (typeof SCALES)[number];
  /** Profile curves hidden in the plot (display only). */
  hide: string[];
}

export const EMPTY_QUERY: ViewQuery = { horizon: [], family: [], base: [], source: [], add: [], remove: [], hide: [] };

/**
 * The canonical URL form of a view: fixed parameter order, list values in
 * the order given, defaults left out. Two equal views give equal strings.
 */
export function serializeViewQuery(q: Partial<ViewQuery>): string {
  const out = new URLSearchParams();
  const lists: (keyof ViewQuery)[] = ["horizon", "family", "base", "source", "add", "remove"];
  for (const key of lists) for (const v of (q[key] as string[] | undefined) ?? []) out.append(key, v);
  if (q.complete) out.set("complete", q.complete);
  if (q.tauMax !== undefined) out.set("tauMax", String(q.tauMax));
  if (q.integration) out.set("integration", q.integration);
  if (q.points !== undefined) out.set("points", String(q.points));
  if (q.scale) out.set("scale", q.scale);
  if (q.sort) out.set("sort", q.sort);
  if (q.dir) out.set("dir", q.dir);
  if (q.axis) out.set("axis", q.axis);
  for (const v of q.hide ?? []) out.append("hide", v);
  return out.toString();
}

/**
 * `path?query` (or `path` for an empty query). `fixed` parameters come first
 * and are not part of the view (e.g. `round` on the workload pages).
 */
export function viewHref(path: string, q: Partial<ViewQuery>, fixed: Record<string, string> = {}): string {
  const qs = [new URLSearchParams(fixed).toString(), serializeViewQuery(q)].filter(Boolean).join("&");
  return qs ? `${path}?${qs}` : path;
}

/** The part of a view that defines the pool and its scores (what a link to another view of the same pool carries). */
export function poolQuery(q: ViewQuery): ViewQuery {
  return {
    ...EMPTY_QUERY,
    horizon: q.horizon,
    family: q.family,
    base: q.base,
    source: q.source,
    add: q.add,
    remove: q.remove,
    complete: q.complete,
    tauMax: q.tauMax,
    integration: q.integration,
    points: q.points,
    scale: q.scale,
  };
}

/** Toggles `value` in one list of the view (for add/remove links and filter chips). */
export function toggle<K extends "horizon" | "family" | "base" | "source" | "add" | "remove" | "hide">(
  q: ViewQuery,
  key: K,
  value: ViewQuery[K][number],
): ViewQuery {
  const list = q[key] as string[];
  const next = list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
  return { ...q, [key]: next };
}

/** Horizon of a submission as a filter value: 0.33 → "33", null → "none". */
export function horizonKey(horizon: number | null): string {
  return horizon === null ? "none" : String(Math.round(horizon * 100));
}

/**
 * The view with `slug` in or out of the pool, written as the smallest change
 * to the round's default pool: an `add` for a submission outside it, a
 * `remove` for a default member (and the opposite entry dropped).
 */
export function withMember(q: ViewQuery, slug: string, inDefaultPool: boolean, member: boolean): ViewQuery {
  const add = q.add.filter((s) => s !== slug);
  const remove = q.remove.filter((s) => s !== slug);
  if (member && !inDefaultPool) add.push(slug);
  if (!member && inDefaultPool) remove.push(slug);
  return { ...q, add, remove };
}
