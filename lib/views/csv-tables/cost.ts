// CSV of analysis-cost.ts's views (`?format=csv`): rows from the service's report, text by lib/views/csv.ts.
import type { CostReport } from "@/lib/server/services/analysis-cost";
import type { CsvTable, CsvValue } from "@/lib/views/csv";

/** One row per member and workload, and a total row per member. */
export function costCsv(r: CostReport): CsvTable {
  const header = ["submission", "workload", "gpu_hours_to_target", "gpu_hours_search", "price", "hardware"];
  const rows: CsvValue[][] = [];
  for (const m of r.members) {
    for (const w of m.workloads)
      rows.push([
        m.key,
        w.workload,
        w.toTarget,
        w.search,
        w.search === null || r.pricePerGpuHour === null ? null : w.search * r.pricePerGpuHour,
        m.hardware.join("; "),
      ]);
    rows.push([m.key, "total", null, m.total, m.price, m.hardware.join("; ")]);
  }
  return { header, rows };
}
