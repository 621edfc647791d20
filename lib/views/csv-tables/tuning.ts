// CSV of analysis-tuning.ts's views (`?format=csv`): rows from the service's report, text by lib/views/csv.ts.
import type { TuningReport } from "@/lib/server/services/analysis-tuning";
import type { CsvTable, CsvValue } from "@/lib/views/csv";

/** One row per member and k: its score with every member at k, and the baseline question. */
export function tuningCsv(r: TuningReport): CsvTable {
  const header = ["submission", "k", "score_all_at_k", "baseline", "baseline_at_k_score", "submission_full_budget_score", "baseline_smallest_k_above"];
  const rows: CsvValue[][] = [];
  for (const s of r.series) {
    const answer = r.answers.find((a) => a.key === s.key);
    r.ks.forEach((k, i) => {
      rows.push([
        s.key,
        k,
        s.scores[i]!,
        r.baseline,
        answer?.referenceScores[i] ?? null,
        answer?.scores[i] ?? null,
        answer ? (answer.smallestK ?? "none") : null,
      ]);
    });
  }
  return { header, rows };
}
