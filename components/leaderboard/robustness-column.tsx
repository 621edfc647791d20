// The leaderboard's head-to-head column: per row a "compare" link (A = this
// row, B = the row ranked just above it, or below it for the top row) and the
// one-line workload-robustness verdict (leave-one-workload-out on the same
// pool, lib/server/services/analysis-robustness.ts). Self-contained: the
// leaderboard only passes it as an extra column.
import Link from "next/link";
import type { Leaderboard, LeaderboardRow } from "@/lib/server/services/leaderboard";
import type { WorkloadVerdict } from "@/lib/server/services/analysis-robustness";
import type { ScoreQuery } from "@/lib/server/services/scores";
import type { ExtraColumn } from "./leaderboard-table";

/** URL of the compare page for A and B in the same pool and scoring settings. */
export function compareHref(round: string, a: string, b: string, query: ScoreQuery = {}): string {
  const q = new URLSearchParams({ round, a, b });
  // A pool too long for a link is left out: the compare page then scores A and B in the round's default pool.
  if (query.pool && query.pool.length <= 100) q.set("pool", query.pool.join(","));
  if (query.tauMax !== undefined) q.set("tauMax", String(query.tauMax));
  if (query.integration) q.set("integration", query.integration);
  if (query.points !== undefined) q.set("points", String(query.points));
  if (query.scale) q.set("scale", query.scale);
  return `/compare?${q.toString()}`;
}

/** `verdicts`: read by the page (lib/server/pages/leaderboard.ts); {} when the pool cannot be rescored without a workload (the links stay). */
export function robustnessColumn(round: string, lb: Leaderboard, query: ScoreQuery, verdicts: Record<string, WorkloadVerdict>): ExtraColumn {
  // Opponent: the row ranked just above (by the leaderboard's ranking), the second row for the top one.
  const ranked = [...lb.rows].sort((x, y) => x.rank - y.rank || x.poolIndex - y.poolIndex);
  const opponent = new Map(ranked.map((r, i) => [r.key, ranked[i === 0 ? 1 : i - 1]?.key]));
  return {
    id: "head-to-head",
    header: <span title="Compare with the submission ranked just above; does the rank survive removing any one base workload?">Head to head</span>,
    cell: (row: LeaderboardRow) => {
      const other = opponent.get(row.key);
      const v = verdicts[row.key];
      return (
        <div className="min-w-36 text-[11px] leading-tight" data-field="head-to-head">
          {other && (
            <Link
              href={compareHref(round, row.key, other, query)}
              prefetch={false}
              className="text-sky-700 hover:underline dark:text-sky-400"
              data-compare-link={row.key}
              aria-label={`Compare ${row.displayName} with the next submission`}
            >
              compare
            </Link>
          )}
          {v && (
            <div
              className={v.dependsOn.length ? "text-amber-800 dark:text-amber-300" : "text-zinc-500"}
              data-verdict={v.dependsOn.length ? "depends" : "stable"}
            >
              {v.verdict}
            </div>
          )}
        </div>
      );
    },
  };
}
