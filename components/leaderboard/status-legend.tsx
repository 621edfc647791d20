// The key to the leaderboard cells: colour scale and miss icons.
import { STATUS_TEXT } from "@/lib/views/format";
import { ratioBackground } from "./workload-cell";

export function StatusLegend({ basis }: { basis: "seconds" | "budget_fraction" }) {
  const misses = (["not_reached", "over_4x", "variant_failed", "no_data"] as const).map((s) => [s, STATUS_TEXT[s]] as const);
  return (
    <div className="flex flex-wrap items-center gap-x-6 gap-y-2 text-xs text-zinc-600 dark:text-zinc-400">
      <div className="flex items-center gap-2">
        <span>Cell: {basis === "seconds" ? "time to target (s)" : "runtime fraction of the budget"}, ×ratio to the pool&apos;s best.</span>
        <span className="flex overflow-hidden rounded border border-zinc-200 dark:border-zinc-700" aria-hidden="true">
          {[1, 1.25, 1.5, 2, 3, 4].map((r) => (
            <span key={r} className="num px-1.5 py-0.5 text-zinc-800 dark:text-zinc-200" style={{ backgroundColor: ratioBackground(r) }}>
              ×{r}
            </span>
          ))}
        </span>
      </div>
      {misses.map(([key, s]) => (
        <span key={key} className="flex items-center gap-1" title={s.description}>
          <span aria-hidden="true" className="miss-icon">
            {s.icon}
          </span>
          {s.label}
        </span>
      ))}
    </div>
  );
}
