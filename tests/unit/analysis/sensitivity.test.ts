// Pool sensitivity (lib/scoring/analysis/sensitivity.ts): "without X" is the
// pool minus X rescored; the paper's Appendix F is the Schedule-Free case.
import { describe, expect, test } from "vitest";
import { scorePool } from "../../../lib/scoring";
import { compareWithAndWithout, competitionRanks, leaveOneOut, poolWithout, ranksOf } from "../../../lib/scoring/analysis";
import { loadRound } from "../scoring/published-data";
import { poolFromRound } from "../../../lib/scoring";
import { appendixE, paper, paperPool, scheduleFree } from "./paper-pool";

describe("with and without X", () => {
  test("Appendix F: Schedule-Free joins the 36-row pool; the without column is Appendix E (exact integration, within 0.001)", () => {
    const pool37 = paperPool([...appendixE, scheduleFree]);
    const r = compareWithAndWithout(pool37, scheduleFree.display_name, { integration: "exact" });
    const appendixF = new Map(paper.appendix_f_with_schedule_free.rows.map((row) => [row.appendix_e_row ?? row.display_name, row.score]));
    const e = scorePool(paperPool(), { integration: "exact" });
    expect(r.rows).toHaveLength(36);
    for (const row of r.rows) {
      expect(row.scoreWithout, row.name).toBe(e.scores[row.name]);
      const published = appendixE.find((x) => x.display_name === row.name)!.score;
      expect(Math.abs(row.scoreWithout - published), row.name).toBeLessThanOrEqual(0.001);
      if (appendixF.has(row.name)) expect(Math.abs(row.scoreWith - appendixF.get(row.name)!), row.name).toBeLessThanOrEqual(0.001);
    }
    expect(Math.abs(r.scoreWith - scheduleFree.score)).toBeLessThanOrEqual(0.001);
    const adamw = r.rows.find((x) => x.name === "AdamW 33% 1")!;
    expect([adamw.scoreWithout.toFixed(3), adamw.scoreWith.toFixed(3)]).toEqual(["0.498", "0.478"]);
    // Schedule-Free is the best on several workloads, so everyone else loses score.
    expect(r.rows.every((x) => x.delta >= 0)).toBe(true);
    expect(r.summary.maxAbsDelta).toBeGreaterThan(0.01);
  });

  test("for every member X of the v0.5 external round, removing X and rescoring equals the without column (scores and ranks)", () => {
    const pool = poolFromRound(loadRound("v0.5", "external"));
    for (const x of pool.submissions.map((s) => s.name)) {
      const r = compareWithAndWithout(pool, x);
      const rescored = scorePool(poolWithout(pool, x));
      const others = pool.submissions.map((s) => s.name).filter((n) => n !== x);
      const ranks = ranksOf(rescored.scores, others);
      expect(r.rows.map((row) => row.name).sort()).toEqual([...others].sort());
      for (const row of r.rows) {
        expect(row.scoreWithout, `${x}: ${row.name}`).toBe(rescored.scores[row.name]);
        expect(row.rankWithout, `${x}: ${row.name}`).toBe(ranks[row.name]);
        expect(row.delta).toBe(row.scoreWithout - row.scoreWith);
      }
      // rankShift: rank among the others with X, minus rank without X.
      const withScores = scorePool(pool).scores;
      const among = ranksOf(withScores, others);
      for (const row of r.rows) expect(row.rankShift).toBe(among[row.name]! - ranks[row.name]!);
      expect(r.summary.orderChanges).toBe(r.rows.filter((row) => row.rankShift !== 0).length);
    }
  });

  test("the reference of reference mode cannot leave the pool", () => {
    const pool = poolFromRound(loadRound("v0.6", "external"));
    expect(() => compareWithAndWithout(pool, "baseline", { reference: "baseline" })).toThrow(/reference/);
    const loo = leaveOneOut(pool, { reference: "baseline" });
    expect(loo.rows.find((r) => r.name === "baseline")!.error).toMatch(/reference/);
    expect(loo.rows.find((r) => r.name === "shampoo")!.error).toBeNull();
  });
});

describe("leave-one-out", () => {
  test("mean and max |change| equal the differences of two independent scorings", () => {
    const pool = poolFromRound(loadRound("v0.5", "external"));
    const full = scorePool(pool);
    const { rows } = leaveOneOut(pool);
    for (const row of rows) {
      const without = scorePool(poolWithout(pool, row.name)).scores;
      const deltas = Object.keys(without).map((n) => Math.abs(without[n]! - full.scores[n]!));
      expect(row.meanAbsDelta, row.name).toBeCloseTo(deltas.reduce((a, b) => a + b, 0) / deltas.length, 14);
      expect(row.maxAbsDelta, row.name).toBe(Math.max(...deltas));
    }
    expect(rows.map((r) => r.name)).toEqual(full.ranking);
    expect(rows.map((r) => r.rank)).toEqual([...competitionRanks(full.ranking.map((n) => full.scores[n]!))]);
  });

  test("in the paper's pool (no variants) only members that set a best time move anyone (docs/scoring.md §4.1: ratios to the pool best)", () => {
    const { rows } = leaveOneOut(paperPool(), { integration: "exact" });
    for (const row of rows) {
      if (row.fastestOn.length === 0) {
        expect(row.maxAbsDelta, row.name).toBe(0);
        expect(row.orderChanges, row.name).toBe(0);
      }
    }
    expect(rows.some((r) => r.maxAbsDelta > 0)).toBe(true);
  });
});
