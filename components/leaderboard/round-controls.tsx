// The filters, scoring settings and pool of a round view, in one collapsible
// panel so the ranking comes first (issue 15): closed, it is one line of chips
// saying what the view filters and how it scores; open, the full form. The
// pool line stays visible (its count and the imported rows to add).
import type { Leaderboard } from "@/lib/server/services/leaderboard";
import { serializeViewQuery, type ViewQuery } from "@/lib/views/query";
import { PoolEditor } from "./pool-editor";
import { ViewControls, type FacetOption } from "./view-controls";

type Facets = Leaderboard["facets"];

const GROUPS = [
  ["horizon", "Horizon"],
  ["family", "Family"],
  ["base", "Base algorithm"],
  ["source", "Source"],
] as const;

/**
 * The options worth offering: an option no submission has is left out (unless
 * ticked, so it can be unticked), and a horizon group whose only value is
 * "none" (AlgoPerf rounds: no submission has a training horizon) is dropped.
 */
export function offeredFacets(facets: Facets, query: ViewQuery): Facets {
  const keep = (name: (typeof GROUPS)[number][0], options: FacetOption[]) => {
    const ticked = new Set<string>(query[name]);
    const kept = options.filter((o) => o.count > 0 || ticked.has(o.value));
    if (name === "horizon" && kept.every((o) => o.value === "none" && !ticked.has(o.value))) return [];
    return kept;
  };
  return {
    horizon: keep("horizon", facets.horizon),
    family: keep("family", facets.family),
    base: keep("base", facets.base),
    source: keep("source", facets.source),
  };
}

/** One chip per active filter or non-default scoring setting. */
export function controlChips(query: ViewQuery, facets: Facets): string[] {
  const chips: string[] = [];
  for (const [name, label] of GROUPS) {
    const values = query[name] as string[];
    if (values.length === 0) continue;
    const names = values.map((v) => facets[name].find((o) => o.value === v)?.label ?? v);
    chips.push(`${label}: ${names.join(", ")}`);
  }
  if (query.complete === "only") chips.push("Complete submissions only");
  if (query.tauMax !== undefined) chips.push(`τ max ${query.tauMax}`);
  if (query.integration) chips.push(query.integration === "exact" ? "Exact integration" : "Official grid");
  return chips;
}

export function RoundControls({
  path,
  fixed,
  query,
  lb,
  defaults,
}: {
  path: string;
  fixed?: Record<string, string>;
  query: ViewQuery;
  lb: Pick<Leaderboard, "facets" | "candidates" | "pool">;
  defaults: { tauMax: number; integration: "trapezoid" | "exact" };
}) {
  const chips = controlChips(query, lb.facets);
  return (
    <div className="space-y-2">
      <details data-controls className="rounded-lg border border-zinc-200 dark:border-zinc-800">
        <summary className="flex cursor-pointer flex-wrap items-center gap-2 px-3 py-2 text-sm select-none">
          <span className="font-medium text-sky-800 dark:text-sky-300">Filters and scoring</span>
          {chips.length === 0 ? (
            <span className="text-xs text-zinc-500">no filter · the round&apos;s scoring</span>
          ) : (
            chips.map((c) => (
              <span
                key={c}
                data-chip
                className="rounded-full border border-sky-700 bg-sky-50 px-2 py-0.5 text-xs text-sky-900 dark:border-sky-500 dark:bg-sky-950 dark:text-sky-100"
              >
                {c}
              </span>
            ))
          )}
        </summary>
        <ViewControls key={serializeViewQuery(query)} path={path} fixed={fixed} query={query} facets={offeredFacets(lb.facets, query)} defaults={defaults} />
      </details>
      <PoolEditor lb={lb} path={path} query={query} fixed={fixed} />
    </div>
  );
}
