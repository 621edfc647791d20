// The analysis views, their URLs and the query parameters they share.
import { EMPTY_QUERY, type ViewQuery } from "@/lib/views/query";
import { routes } from "@/lib/views/routes";

export const ANALYSIS_VIEWS = [
  {
    slug: "uncertainty",
    label: "Uncertainty",
    summary: "95% bootstrap intervals over studies for every score and rank, and the groups that are statistically tied.",
  },
  {
    slug: "sensitivity",
    label: "Pool sensitivity",
    summary: "Everyone's score and rank with and without one submission (Appendix F for any submission), and a leave-one-out table.",
  },
  { slug: "horizon", label: "Horizon", summary: "Score and targets hit of each algorithm as a function of its training horizon: the hidden hyperparameter." },
  {
    slug: "calibration",
    label: "Calibration",
    summary: "The paper's selection metric (geometric-mean time-to-target) and targets reached for every configuration, top k per algorithm and horizon.",
  },
  { slug: "tau", label: "Tau sensitivity", summary: "Every rank as tau max varies from 1.25 to 4: when is the ranking fragile?" },
  {
    slug: "speedups",
    label: "Speedups",
    summary: "Geometric-mean speedup of every pair of the pool (compute_speedups.py's convention) as a heat map ordered by score, with bootstrap intervals.",
  },
  {
    slug: "tuning",
    label: "Tuning budget",
    summary: "Score vs the number of tuning trials per study, and from which k the baseline restricted to k trials beats each submission at its full budget.",
  },
  {
    slug: "hyperparameters",
    label: "Hyperparameters",
    summary:
      "Time-to-target of every trial against each hyperparameter that varies, the best / median / worst spread, and the round's submissions ranked by sensitivity to tuning.",
  },
  {
    slug: "cost",
    label: "Cost to target",
    summary: "GPU-hours to target per workload, per study and with every tuning trial, ranked by cost at a price per GPU-hour; mixed hardware flagged.",
  },
  {
    slug: "robustness",
    label: "Workload robustness",
    summary:
      "Every score and rank with each base workload left out, and a bootstrap over workloads beside the one over studies: does a rank rest on one workload?",
  },
] as const;

export type AnalysisView = (typeof ANALYSIS_VIEWS)[number]["slug"];

/** Scores parameters that define the pool and settings; carried from view to view. */
export const SHARED_PARAMS = ["pool", "integration", "points", "scale", "reference", "tauMax"] as const;

/** Next's searchParams object → URLSearchParams (first value of repeated keys). */
export function toSearchParams(raw: Record<string, string | string[] | undefined>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(raw)) {
    const value = Array.isArray(v) ? v[0] : v;
    if (value !== undefined) out.set(k, value);
  }
  return out;
}

/** URL of a view (routes.analysis) with the shared parameters of `params` (and `extra` on top). */
export function analysisViewHref(round: string, view: AnalysisView | "", params: URLSearchParams, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const k of SHARED_PARAMS) {
    const v = params.get(k);
    if (v) q.set(k, v);
  }
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  const query = q.toString();
  return `${routes.analysis(round, undefined, undefined, view || undefined)}${query ? `?${query}` : ""}`;
}

/** The `pool` parameter's keys ("a,b,c"), or [] for the round's default pool. */
export function poolKeys(params: URLSearchParams): string[] {
  return (params.get("pool") ?? "")
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean);
}

/**
 * An explicit pool as the leaderboard's view query (the default pool plus
 * `add`, less `remove`), with the scoring settings of `params`: the round's
 * tabs and the pool editor then speak the leaderboard's language.
 */
export function poolViewQuery(params: URLSearchParams, defaultKeys: readonly string[], roundSlugs: ReadonlySet<string>): ViewQuery {
  const keys = poolKeys(params);
  const chosen = new Set(keys.length ? keys : defaultKeys);
  const defaults = new Set(defaultKeys);
  const num = (k: string) => (params.get(k) && Number.isFinite(Number(params.get(k))) ? Number(params.get(k)) : undefined);
  const integration = params.get("integration");
  const scale = params.get("scale");
  return {
    ...EMPTY_QUERY,
    add: [...chosen].filter((k) => !defaults.has(k) && roundSlugs.has(k)),
    remove: defaultKeys.filter((k) => !chosen.has(k)),
    tauMax: num("tauMax"),
    integration: integration === "trapezoid" || integration === "exact" ? integration : undefined,
    points: num("points"),
    scale: scale === "linear" || scale === "log" ? scale : undefined,
  };
}
