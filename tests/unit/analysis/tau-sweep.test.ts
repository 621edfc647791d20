// Tau sensitivity (lib/scoring/analysis/tau-sweep.ts).
import { expect, test } from "vitest";
import { poolFromRound, scorePool } from "../../../lib/scoring";
import { ranksOf, sweepTaus, tauSweep } from "../../../lib/scoring/analysis";
import { loadRound } from "../scoring/published-data";

const pool = poolFromRound(loadRound("v0.5", "external"));
const names = pool.submissions.map((s) => s.name);

test("the default sweep is 1.25, 1.5, ..., 4 (np.linspace)", () => {
  expect(sweepTaus(1.25, 4, 12)).toEqual(Array.from({ length: 12 }, (_, i) => 1.25 + 0.25 * i));
});

test("at every tauMax the scores and ranks are those of scorePool with that tauMax; ordered by the last ranking", () => {
  const taus = sweepTaus(1.25, 4, 12);
  const sweep = tauSweep(pool, {}, taus);
  taus.forEach((tauMax, i) => {
    const r = scorePool(pool, { tauMax });
    const ranks = ranksOf(r.scores, names);
    for (const s of sweep.series) {
      expect(s.scores[i], `${s.name} @ ${tauMax}`).toBe(r.scores[s.name]);
      expect(s.ranks[i], `${s.name} @ ${tauMax}`).toBe(ranks[s.name]);
    }
    expect(sweep.leaders[i]).toEqual(names.filter((n) => ranks[n] === 1));
  });
  expect(sweep.series.map((s) => s.name)).toEqual(scorePool(pool).ranking);
  for (const s of sweep.series) {
    expect(s.bestRank).toBe(Math.min(...s.ranks));
    expect(s.worstRank).toBe(Math.max(...s.ranks));
  }
  let changes = 0;
  for (let i = 1; i < taus.length; i++) if (sweep.series.some((s) => s.ranks[i] !== s.ranks[i - 1])) changes++;
  expect(sweep.rankingChanges).toBe(changes);
  expect(changes).toBeGreaterThan(0);
});
