// CSV of GET …/hyperparameters?format=csv: one row per trial and varying hyperparameter.
import type { HyperparameterReport } from "@/lib/server/services/analysis-hyperparameters";
import type { CsvTable, CsvValue } from "@/lib/views/csv";

/** One row per trial and varying hyperparameter (time "inf" = missed), with its workload's spread. */
export function hyperparametersCsv(r: HyperparameterReport): CsvTable {
  const header = [
    "submission",
    "workload",
    "hyperparameter",
    "log_axis",
    "value",
    "study",
    "trial",
    "time_to_target",
    "workload_best",
    "workload_median",
    "workload_worst",
    "workload_spread",
    "hardware",
  ];
  const rows: CsvValue[][] = [];
  for (const w of r.workloads) {
    for (const a of w.axes) {
      for (const p of a.points)
        rows.push([
          r.submission,
          w.workload,
          a.name,
          a.log,
          p.value,
          p.study,
          p.trial,
          p.time ?? Infinity,
          w.best,
          w.median,
          w.worst,
          w.spread,
          r.hardware.join("; "),
        ]);
    }
  }
  return { header, rows };
}
