// CSV of analysis-compare.ts's views (`?format=csv`): rows from the service's report, text by lib/views/csv.ts.
import type { CompareReport, SpeedupsReport } from "@/lib/server/services/analysis-compare";
import type { CsvTable, CsvValue } from "@/lib/views/csv";

/** CSV of a comparison: one row per base workload, then the geometric mean. */
export function compareCsv(r: CompareReport): CsvTable {
  const header = ["workload", "a", "b", "a_time", "b_time", "a_counted", "b_counted", "ratio_b_over_a", "winner", "a_status", "b_status"];
  const rows: CsvValue[][] = r.workloads.map((w) => [
    w.workload,
    r.a.key,
    r.b.key,
    w.a.time,
    w.b.time,
    w.a.counted,
    w.b.counted,
    w.ratio,
    w.winner,
    w.a.status,
    w.b.status,
  ]);
  rows.push([
    "geometric mean",
    r.a.key,
    r.b.key,
    null,
    null,
    null,
    null,
    r.speedup.value,
    r.speedup.value > 1 ? "a" : r.speedup.value < 1 ? "b" : "tie",
    null,
    null,
  ]);
  return { header, rows };
}

/** CSV of the matrix: one row per ordered pair. */
export function speedupsCsv(r: SpeedupsReport): CsvTable {
  const rows: CsvValue[][] = [];
  r.members.forEach((a, i) =>
    r.members.forEach((b, j) => {
      if (i === j) return;
      const p = r.matrix[i]![j]!;
      rows.push([a.key, b.key, p.speedup, p.interval?.[0] ?? null, p.interval?.[1] ?? null, p.aFaster]);
    }),
  );
  return { header: ["a", "b", "speedup_a_over_b", "interval_low", "interval_high", "share_a_faster"], rows };
}
