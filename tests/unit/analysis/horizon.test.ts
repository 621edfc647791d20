// Horizon view (lib/scoring/analysis/horizon.ts) on the paper's data.
import { expect, test } from "vitest";
import { poolFromRound, scorePool } from "../../../lib/scoring";
import { horizonView } from "../../../lib/scoring/analysis";
import { loadRound } from "../scoring/published-data";
import { appendixE, paper, paperConfigurations, paperPool } from "./paper-pool";

const result = scorePool(paperPool(), { integration: "exact" });
const view = horizonView(result, paperConfigurations());

test("reproduces Table 6 per algorithm and horizon: the selected configuration, its score (within 0.001, exact integration, 36-row pool) and targets hit", () => {
  const rows = paper.table6_scores.rows;
  expect(rows).toHaveLength(12);
  for (const row of rows) {
    const series = view.find((s) => s.baseAlgorithm === row.base_algorithm);
    const step = series?.steps.find((s) => s.horizon === row.horizon_fraction);
    expect(step?.selected?.name, row.display_name).toBe(row.appendix_e_row);
    expect(Math.abs(step!.selected!.score - row.score), row.display_name).toBeLessThanOrEqual(0.001);
    expect(step!.selected!.targetsHit, row.display_name).toBe(row.targets_hit);
  }
});

test("every algorithm x horizon shows the spread over its search ranks (Appendix E)", () => {
  const algorithms = [...new Set(appendixE.map((r) => r.base_algorithm))];
  expect(view.map((s) => s.baseAlgorithm).sort()).toEqual(algorithms.sort());
  for (const series of view) {
    expect(series.steps.map((s) => s.horizon)).toEqual(
      [...new Set(appendixE.filter((r) => r.base_algorithm === series.baseAlgorithm).map((r) => r.horizon_fraction!))].sort(),
    );
    for (const step of series.steps) {
      const published = appendixE.filter((r) => r.base_algorithm === series.baseAlgorithm && r.horizon_fraction === step.horizon);
      expect(step.configurations.map((c) => c.searchRank)).toEqual(published.map((r) => r.search_rank_index).sort());
      expect(Math.abs(step.minScore - Math.min(...published.map((r) => r.score)))).toBeLessThanOrEqual(0.001);
      expect(Math.abs(step.maxScore - Math.max(...published.map((r) => r.score)))).toBeLessThanOrEqual(0.001);
    }
  }
});

test("the horizon is a hidden hyperparameter: the best horizon differs between algorithms, as in Table 6", () => {
  const bestPublished = new Map<string, number>();
  for (const algorithm of new Set(paper.table6_scores.rows.map((r) => r.base_algorithm))) {
    const rows = paper.table6_scores.rows.filter((r) => r.base_algorithm === algorithm);
    bestPublished.set(algorithm, rows.reduce((a, b) => (b.score > a.score ? b : a)).horizon_fraction!);
  }
  for (const s of view) expect(s.bestHorizon, s.baseAlgorithm).toBe(bestPublished.get(s.baseAlgorithm));
  expect(new Set(view.map((s) => s.bestHorizon)).size).toBeGreaterThan(1);
});

test("rounds without several horizons per algorithm have no series", () => {
  const v05 = poolFromRound(loadRound("v0.5", "external"));
  const r = scorePool(v05);
  expect(
    horizonView(
      r,
      v05.submissions.map((s) => ({ name: s.name, baseAlgorithm: s.name, horizon: null, searchRank: null, selected: false })),
    ),
  ).toEqual([]);
});
