// Addresses of the pages and endpoints, in one place. Views that depend on a
// pool carry its query (lib/views/query.ts), so moving between the
// leaderboard, the profiles and a workload keeps the same pool and settings.
import { poolQuery, serializeViewQuery, type ViewQuery } from "./query";

const enc = encodeURIComponent;

/** The round of Kasimbeg et al. 2025, which has its own paper view. */
export const PAPER_ROUND = "paper-2505.24005";

function withQuery(path: string, q: Partial<ViewQuery> | undefined, first?: [string, string]): string {
  const rest = q ? serializeViewQuery(q) : "";
  const head = first ? `${first[0]}=${enc(first[1])}` : "";
  const qs = [head, rest].filter(Boolean).join("&");
  return qs ? `${path}?${qs}` : path;
}

type PinStore = { getStore(): { round: string; raw: string } | undefined };

/**
 * An API address of `round` as a page pinned to a past version (`?at=`,
 * docs/history.md) must link it: with the same `at`, so a download from a
 * pinned page is the data shown, not the current data. The pin of a server
 * render is in the AsyncLocalStorage lib/db/pinned.ts keeps on globalThis
 * (read here by its key: this file is also in browser bundles, where there is
 * none and addresses stay as they are).
 */
export function pinnedApi(round: string, href: string): string {
  const store = (globalThis as Record<symbol, PinStore | undefined>)[Symbol.for("algoperf.pin-context")];
  const pin = store?.getStore();
  const q = href.indexOf("?");
  if (!pin || pin.round !== round || (q >= 0 && new URLSearchParams(href.slice(q + 1)).has("at"))) return href;
  return `${href}${q >= 0 ? "&" : "?"}at=${enc(pin.raw)}`;
}

export const routes = {
  home: "/",
  /** The list of every round, searchable and paged. */
  roundList: (search?: { q?: string; page?: number }) => {
    const p = new URLSearchParams();
    if (search?.q) p.set("q", search.q);
    if (search?.page && search.page > 1) p.set("page", String(search.page));
    const s = p.toString();
    return s ? `/rounds?${s}` : "/rounds";
  },
  round: (round: string, q?: Partial<ViewQuery>) => withQuery(`/rounds/${enc(round)}`, q),
  profiles: (round: string, q?: Partial<ViewQuery>) => withQuery(`/rounds/${enc(round)}/profiles`, q),
  submission: (round: string, slug: string) => `/rounds/${enc(round)}/submissions/${enc(slug)}`,
  workloads: (round: string, q?: ViewQuery) => withQuery("/workloads", q && poolQuery(q), ["round", round]),
  workload: (round: string, key: string, q?: ViewQuery) => withQuery(`/workloads/${enc(key)}`, q && poolQuery(q), ["round", round]),
  paper: "/paper",
  upload: "/upload",
  /**
   * The analysis views of a round for the same pool and settings. They take an
   * explicit pool (the scores API's parameters), so the view's resolved pool is
   * passed when it is not the round's default.
   */
  analysis: (round: string, pool?: { keys: string[]; isDefault: boolean }, q?: Partial<ViewQuery>, view?: string) => {
    const p = new URLSearchParams();
    if (pool && !pool.isDefault) p.set("pool", pool.keys.join(","));
    if (q?.tauMax !== undefined) p.set("tauMax", String(q.tauMax));
    if (q?.integration) p.set("integration", q.integration);
    if (q?.points !== undefined) p.set("points", String(q.points));
    if (q?.scale) p.set("scale", q.scale);
    const s = p.toString();
    return `/analysis/${enc(round)}${view ? `/${enc(view)}` : ""}${s ? `?${s}` : ""}`;
  },
  api: {
    leaderboard: (round: string, q?: ViewQuery, format?: "csv") =>
      pinnedApi(round, withQuery(`/api/v1/rounds/${enc(round)}/leaderboard`, q && poolQuery(q), format ? ["format", format] : undefined)),
    profiles: (round: string, q?: ViewQuery, format?: "csv") =>
      pinnedApi(round, withQuery(`/api/v1/rounds/${enc(round)}/profiles`, q && poolQuery(q), format ? ["format", format] : undefined)),
    workloads: (round: string) => pinnedApi(round, `/api/v1/rounds/${enc(round)}/workloads`),
    workload: (round: string, key: string, q?: ViewQuery, format?: "csv") =>
      pinnedApi(round, withQuery(`/api/v1/rounds/${enc(round)}/workloads/${enc(key)}`, q && poolQuery(q), format ? ["format", format] : undefined)),
    submission: (round: string, slug: string, format?: "csv") =>
      pinnedApi(round, withQuery(`/api/v1/rounds/${enc(round)}/submissions/${enc(slug)}`, undefined, format ? ["format", format] : undefined)),
    /** The eval series of a submission's runs as CSV. */
    submissionEvals: (round: string, slug: string) => pinnedApi(round, `/api/v1/rounds/${enc(round)}/submissions/${enc(slug)}/evals?format=csv`),
    /** Any other endpoint of a round, e.g. an analysis view or compare: `path` after /api/v1/rounds/<round>/. */
    round: (round: string, path: string, query?: string) => pinnedApi(round, `/api/v1/rounds/${enc(round)}/${path}${query ? `?${query}` : ""}`),
    paper: (q?: { integration?: string }, format?: "csv") => {
      const p = new URLSearchParams();
      if (q?.integration) p.set("integration", q.integration);
      if (format) p.set("format", format);
      const s = p.toString();
      return pinnedApi(PAPER_ROUND, s ? `/api/v1/paper?${s}` : "/api/v1/paper");
    },
    schema: "/api/v1/schema/upload.json",
  },
};
