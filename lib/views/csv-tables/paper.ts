// CSV of paper.ts's views (`?format=csv`): rows from the service's report, text by lib/views/csv.ts.
import type { PaperView } from "@/lib/server/services/paper";
import type { CsvTable } from "@/lib/views/csv";

/** GET /api/v1/paper?format=csv: one row per configuration, both pools and the published values. */
export function paperCsv(v: PaperView): CsvTable {
  const header = [
    "slug",
    "name",
    "horizon",
    "search_rank",
    "score_36",
    "rank_36",
    "score_with_imported",
    "rank_with_imported",
    "change",
    "published_appendix_e",
    "published_table6",
    "published_appendix_f",
    "integration",
  ];
  const rows = v.rows.map((r) => [
    r.slug,
    r.displayName,
    r.horizon,
    r.searchRank,
    r.without?.score,
    r.without?.rank,
    r.with?.score,
    r.with?.rank,
    r.delta,
    r.published.appendixE,
    r.published.table6,
    r.published.appendixF,
    v.integration,
  ]);
  return { header, rows };
}
