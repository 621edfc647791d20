// The leaderboard's 95% bootstrap intervals (the uncertainty view, same pool,
// settings and defaults, so the numbers equal GET .../uncertainty). They are
// computed off the request path (lib/server/services/leaderboard-intervals.ts):
// until they are ready the page says so, and the page cache keeps that render
// only briefly (markProvisional), so a reader a moment later gets them.
import { IntervalBars } from "@/components/charts/interval-bars";
import { markProvisional } from "@/lib/server/render-context";
import type { IntervalsState } from "@/lib/server/services/leaderboard-intervals";

/** `load` is the page's loader (lib/server/pages/leaderboard.ts), called here, inside the page's Suspense boundary, so the table streams first. */
export async function LeaderboardIntervals({ load, href }: { load: () => Promise<IntervalsState>; href: string }) {
  const intervals = await load();
  if (intervals.state === "computing") {
    markProvisional("bootstrap intervals computing");
    return (
      <p className="text-xs text-zinc-500" data-intervals="computing">
        95% bootstrap intervals are being computed for this pool; reload in a few seconds to see them.
      </p>
    );
  }
  if (intervals.state === "failed") {
    const error = intervals.error;
    return (
      <p className="text-xs text-zinc-500" data-intervals="unavailable">
        No intervals for this pool: {error instanceof Error ? error.message : String(error)}
      </p>
    );
  }
  const u = intervals.report;
  if (!u.available) {
    return (
      <p className="text-xs text-zinc-500" data-intervals="none">
        No 95% intervals: {u.reason}
      </p>
    );
  }
  const rows = [...u.submissions]
    .sort((a, b) => a.rank - b.rank)
    .map((s) => ({ key: s.key, label: u.displayNames[s.key] ?? s.key, point: s.score, interval: s.interval, annotation: s.groups.join("") }));
  return (
    <section aria-labelledby="intervals-title" data-intervals="shown" className="space-y-2">
      <h2 id="intervals-title" className="text-sm font-semibold">
        Scores with 95% bootstrap intervals over studies
      </h2>
      <p className="max-w-4xl text-xs text-zinc-500">
        {u.method.resamples.toLocaleString("en-US")} resamples of the studies of every submission × workload (seed {u.method.seed}); submissions sharing a
        letter have overlapping intervals (statistically tied).{" "}
        <a className="text-sky-700 underline dark:text-sky-400" href={href}>
          Rank intervals and details
        </a>
      </p>
      <IntervalBars title="Benchmark scores with 95% bootstrap intervals" rows={rows} />
    </section>
  );
}
