// CSV of workloads.ts's views (`?format=csv`): rows from the service's report, text by lib/views/csv.ts.
import type { WorkloadTable } from "@/lib/server/services/workloads";
import type { CsvTable, CsvValue } from "@/lib/views/csv";

/** GET …/workloads/<key>?format=csv: one row per pool member, fastest first. */
export function workloadCsv(t: WorkloadTable): CsvTable {
  const header = [
    "position",
    "slug",
    "name",
    "status",
    "time_seconds",
    "time_fraction",
    "steps",
    "ratio",
    "best_metric",
    "target",
    "studies_hit",
    "studies",
    "pool_rank",
    "pool_score",
  ];
  if (t.heldOut) header.push(`${t.heldOut.key}_time`);
  const rows = t.rows.map((r) => {
    const out: CsvValue[] = [
      r.position,
      r.slug,
      r.displayName,
      r.status === "variant_failed" ? `variant_failed:${r.variant}` : r.status,
      r.timeSeconds,
      r.timeFraction,
      r.steps,
      r.ratio,
      r.bestMetric,
      t.workload.target,
      r.studiesHit,
      r.studies,
      r.rank,
      r.score,
    ];
    if (t.heldOut) out.push(r.heldOutTime);
    return out;
  });
  return { header, rows };
}
