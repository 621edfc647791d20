// Calibration view (lib/scoring/analysis/calibration.ts): the paper's
// selection metric from first principles, top k per algorithm x horizon.
import { expect, test } from "vitest";
import { scorePool } from "../../../lib/scoring";
import { calibrationView } from "../../../lib/scoring/analysis";
import { appendixE, paperConfigurations, paperMissValues, paperPool, paperWorkloads } from "./paper-pool";

const result = scorePool(paperPool());
const view = calibrationView(result, paperConfigurations(), 3);

test("the selection metric is exp(mean(log t)) with a miss counted as (budget + 1) / budget, as compute_speedups.py does", () => {
  for (const row of appendixE) {
    const logs = paperWorkloads.map((w) => Math.log(row.runtime_fraction[w] ?? paperMissValues[w]!));
    const expected = Math.exp(logs.reduce((a, b) => a + b, 0) / logs.length);
    const got = view.rows.find((r) => r.name === row.display_name)!.geometricMeanTime;
    expect(Math.abs(got - expected) / expected, row.display_name).toBeLessThan(1e-12);
  }
});

test("rows are ordered by the metric; each algorithm x horizon lists its top k by the same order", () => {
  const metric = view.rows.map((r) => r.geometricMeanTime);
  expect(metric).toEqual([...metric].sort((a, b) => a - b));
  expect(view.groups).toHaveLength(12);
  for (const g of view.groups) {
    expect(g.top).toEqual(g.members.slice(0, 3));
    const m = g.members.map((n) => view.rows.find((r) => r.name === n)!);
    m.forEach((r, i) => expect(r.groupRank).toBe(i + 1));
    expect(m.every((r, i) => i === 0 || m[i - 1]!.geometricMeanTime <= r.geometricMeanTime)).toBe(true);
    expect(g.agrees).toBe(g.members[0] === g.selected);
  }
  expect(calibrationView(result, paperConfigurations(), 1).groups.every((g) => g.top.length === 1)).toBe(true);
});

test("targets reached equal the paper's Appendix E counts; the most per algorithm is the Appendix D question", () => {
  for (const row of appendixE) expect(view.rows.find((r) => r.name === row.display_name)!.targetsReached, row.display_name).toBe(row.targets_hit);
  for (const a of view.algorithms) {
    expect(a.maxTargetsReached, a.baseAlgorithm).toBe(Math.max(...appendixE.filter((r) => r.base_algorithm === a.baseAlgorithm).map((r) => r.targets_hit)));
  }
});

test("refuses a result without geometric means and a k below 1", () => {
  const bare = scorePool({ ...paperPool(), missValues: null });
  expect(() => calibrationView(bare, paperConfigurations(), 3)).toThrow(/missValues/);
  expect(() => calibrationView(result, paperConfigurations(), 0)).toThrow(/k must be/);
});
