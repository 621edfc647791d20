// CSV of analysis-robustness.ts's views (`?format=csv`): rows from the service's report, text by lib/views/csv.ts.
import type { RobustnessReport } from "@/lib/server/services/analysis-robustness";
import type { CsvTable, CsvValue } from "@/lib/views/csv";

/** CSV: per member, its score and rank in the full pool and without each base workload, and its verdict. */
export function robustnessCsv(r: RobustnessReport): CsvTable {
  const header = [
    "submission",
    "removed_workload",
    "score",
    "rank",
    "verdict",
    "workload_bootstrap_low",
    "workload_bootstrap_high",
    "study_bootstrap_low",
    "study_bootstrap_high",
  ];
  const rows: CsvValue[][] = [];
  for (const m of r.submissions) {
    rows.push([
      m.key,
      "",
      m.score,
      m.rank,
      m.verdict,
      m.workloads.interval?.[0] ?? null,
      m.workloads.interval?.[1] ?? null,
      m.studies.interval?.[0] ?? null,
      m.studies.interval?.[1] ?? null,
    ]);
    for (const w of r.workloads) rows.push([m.key, w, m.leaveOut[w]!.score, m.leaveOut[w]!.rank, null, null, null, null, null]);
  }
  return { header, rows };
}
