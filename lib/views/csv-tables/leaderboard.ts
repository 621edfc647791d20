// CSV of leaderboard.ts's views (`?format=csv`): rows from the service's report, text by lib/views/csv.ts.
import type { Leaderboard } from "@/lib/server/services/leaderboard";
import type { CsvTable, CsvValue } from "@/lib/views/csv";

/** GET …/leaderboard?format=csv: one row per pool member in rank order, three columns per workload. */
export function leaderboardCsv(lb: Leaderboard): CsvTable {
  const header = ["rank", "slug", "name", "family", "base_algorithm", "base_optimizer", "horizon", "source", "score", "targets_hit"];
  for (const w of lb.workloads) header.push(`${w.key}_time`, `${w.key}_ratio`, `${w.key}_status`);
  header.push("scoring_mode");
  const rows = lb.rows.map((r) => {
    const out: CsvValue[] = [r.rank, r.slug, r.displayName, r.family, r.baseAlgorithm, r.baseOptimizer, r.horizon, r.source, r.score, r.targetsHit];
    for (const w of lb.workloads) {
      const c = r.cells[w.key]!;
      out.push(c.time, c.ratio, c.status === "variant_failed" ? `variant_failed:${c.variant}` : c.status);
    }
    out.push(lb.settings?.mode ?? "");
    return out;
  });
  return { header, rows };
}

/** GET …/profiles?format=csv: one row per tau of the grid, one column per submission (rank order). */
export function profilesCsv(lb: Leaderboard): CsvTable {
  return { header: ["tau", ...lb.rows.map((r) => r.key)], rows: lb.tau.map((t, i) => [t, ...lb.rows.map((r) => lb.profiles[r.key]![i]!)]) };
}
