// The paper's 36-row Appendix E pool (and Schedule-Free for Appendix F) as
// scoring input, from data/published/paper_tables.json (runtime fractions).
import type { PoolInput, SubmissionTimes } from "../../../lib/scoring";
import type { Configuration } from "../../../lib/scoring/analysis";
import { loadPaperTables, type PaperRow, type PaperTables } from "../scoring/published-data";

export interface PaperConfigRow extends PaperRow {
  base_algorithm: string;
  horizon_fraction: number | null;
  search_rank_index: number | null;
  targets_hit: number;
}

export interface Paper extends PaperTables {
  workloads: Record<string, { max_steps: number }>;
  table6_scores: { rows: PaperConfigRow[] };
  appendix_e_all_methods: { rows: PaperConfigRow[] };
  appendix_f_with_schedule_free: { rows: PaperConfigRow[] };
}

export const paper = loadPaperTables() as Paper;
export const paperWorkloads = paper.conventions.workload_order;
export const appendixE = paper.appendix_e_all_methods.rows;
export const scheduleFree = paper.appendix_f_with_schedule_free.rows.find((r) => r.appendix_e_row === undefined)!;

export function paperMember(row: PaperRow): SubmissionTimes {
  return { name: row.display_name, times: Object.fromEntries(paperWorkloads.map((w) => [w, row.runtime_fraction[w] ?? Infinity])) };
}

/** compute_speedups.py's miss value, budget + 1, as a fraction of the step budget. */
export const paperMissValues = Object.fromEntries(paperWorkloads.map((w) => [w, (paper.workloads[w]!.max_steps + 1) / paper.workloads[w]!.max_steps]));

export function paperPool(rows: readonly PaperRow[] = appendixE): PoolInput {
  return { baseWorkloads: paperWorkloads, heldOutWorkloads: [], submissions: rows.map(paperMember), missValues: paperMissValues };
}

/** Configuration metadata of the Appendix E rows; Table 6 marks the selected ones. */
export function paperConfigurations(): Configuration[] {
  const selected = new Set(paper.table6_scores.rows.map((r) => r.appendix_e_row));
  return appendixE.map((r) => ({
    name: r.display_name,
    baseAlgorithm: r.base_algorithm,
    horizon: r.horizon_fraction,
    searchRank: r.search_rank_index,
    selected: selected.has(r.display_name),
  }));
}
