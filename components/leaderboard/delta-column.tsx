// The Δ column of a leaderboard whose pool differs from the round's default:
// each row's score here minus its score in the default pool, with the same
// scoring settings. One sign everywhere: Δ = after the change − before it
// (the paper view and the sensitivity view use the same).
import type { Leaderboard } from "@/lib/server/services/leaderboard";
import { formatDelta, scoreDigits } from "@/lib/views/format";
import type { ExtraColumn } from "./leaderboard-table";

export function deltaColumn(lb: Leaderboard, defaults: Leaderboard): ExtraColumn {
  const before = new Map(defaults.rows.map((r) => [r.slug, r.score]));
  const digits = scoreDigits(lb.round.timeBasis);
  return {
    id: "delta",
    header: <span title="Δ = score in this pool − score in the round's default pool (same scoring settings); + means higher here">Δ vs default</span>,
    cell: (r) => {
      const b = before.get(r.slug);
      if (b === undefined)
        return (
          <span className="text-xs text-zinc-500" data-field="delta">
            not in default
          </span>
        );
      const d = r.score - b;
      return (
        <span className={`num text-xs ${d < 0 ? "text-red-700 dark:text-red-400" : ""}`} data-field="delta" data-value={d}>
          {formatDelta(d, digits)}
        </span>
      );
    },
  };
}
