// Bootstrap over studies (lib/scoring/analysis/bootstrap.ts): deterministic,
// centred on the official scores, degenerate exactly when the studies are.
import { describe, expect, test } from "vitest";
import { numpyMedian, scorePool } from "../../../lib/scoring";
import { bootstrapPool, competitionRanks, studyPoolFromRound, type StudyPoolInput } from "../../../lib/scoring/analysis";
import { loadRound } from "../scoring/published-data";

const v05 = loadRound("v0.5", "external");
const v05Pool = studyPoolFromRound(v05);

describe("bootstrap over studies", () => {
  test("the same seed gives identical results; another seed gives other intervals", () => {
    const a = bootstrapPool(v05Pool, {}, { seed: 7, resamples: 200 });
    const b = bootstrapPool(v05Pool, {}, { seed: 7, resamples: 200 });
    expect(b).toEqual(a);
    const c = bootstrapPool(v05Pool, {}, { seed: 8, resamples: 200 });
    expect(c.members.map((m) => m.interval)).not.toEqual(a.members.map((m) => m.interval));
  });

  test("defaults: seed 1, 1,000 resamples, 95%; the point scores are the official ones (docs/scoring.md, full precision)", () => {
    const r = bootstrapPool(v05Pool);
    expect(r.options).toEqual({ seed: 1, resamples: 1000, level: 0.95 });
    expect(r.available).toBe(true);
    for (const m of r.members) {
      expect(Math.abs(m.score - v05.official_code_scores_full_precision[m.name]!), m.name).toBeLessThanOrEqual(1e-12);
      expect(m.interval![0]).toBeLessThanOrEqual(m.interval![1]);
      expect(m.rankInterval![0]).toBeLessThanOrEqual(m.rankInterval![1]);
    }
    // Every member is in at least one tied group, and some pair of this pool is tied.
    expect(r.members.every((m) => m.groups.length > 0)).toBe(true);
    expect(r.groups.some((g) => g.members.length > 1)).toBe(true);
  });

  test("the study times behind each cell have the per-workload time as their np.median (docs/scoring.md §2.3)", () => {
    for (const sub of v05Pool.submissions) {
      for (const [w, studies] of Object.entries(sub.studies)) expect(numpyMedian(studies), `${sub.name} ${w}`).toBe(sub.times[w]);
    }
  });

  test("with all studies of a cell equal, every interval collapses to the point score and rank", () => {
    const flat: StudyPoolInput = {
      ...v05Pool,
      submissions: v05Pool.submissions.map((s) => ({
        ...s,
        studies: Object.fromEntries(Object.entries(s.studies).map(([w, st]) => [w, st.map(() => s.times[w]!)])),
      })),
    };
    const r = bootstrapPool(flat, {}, { resamples: 100 });
    expect(r.available).toBe(true);
    for (const m of r.members) {
      expect(m.interval, m.name).toEqual([m.score, m.score]);
      expect(m.rankInterval, m.name).toEqual([m.rank, m.rank]);
    }
    // Degenerate intervals tie exactly the members with equal scores.
    const ranks = competitionRanks(r.members.map((m) => m.score));
    for (const g of r.groups) {
      const rs = new Set(g.members.map((n) => ranks[r.members.findIndex((m) => m.name === n)]));
      expect(rs.size).toBe(1);
    }
  });

  test("first principles: medians of 3 draws from {1, 2, 100} against a constant 1", () => {
    // One workload, exact integration: score = (4 - r) / 3 for a ratio r <= 4, else 0.
    // B's resampled median is 1 with probability 7/27 (at least two draws of 1),
    // 100 with 7/27 and 2 with 13/27, so A (always 1, always the best) is strictly
    // ahead of B in 20/27 of the resamples, and B's interval spans [0, 1].
    const input: StudyPoolInput = {
      baseWorkloads: ["w"],
      heldOutWorkloads: [],
      submissions: [
        { name: "A", times: { w: 1 }, studies: { w: [1, 1, 1] } },
        { name: "B", times: { w: 2 }, studies: { w: [1, 2, 100] } },
      ],
    };
    const r = bootstrapPool(input, { integration: "exact" }, { resamples: 4000 });
    const [a, b] = r.members;
    expect(a!.name).toBe("A");
    expect(b!.score).toBeCloseTo(2 / 3, 12);
    expect(a!.interval).toEqual([1, 1]);
    expect(b!.interval).toEqual([0, 1]);
    expect(b!.rankInterval).toEqual([1, 2]);
    expect(Math.abs(a!.aboveNext! - 20 / 27)).toBeLessThan(0.03);
    expect(r.groups.map((g) => g.members)).toEqual([["A", "B"]]);
  });

  test("a cell's draws do not depend on the pool: a member that reaches no target leaves the others' intervals unchanged", () => {
    const v06 = studyPoolFromRound(loadRound("v0.6", "external"));
    const before = bootstrapPool(v06, {}, { resamples: 300 });
    // A member that reaches no target never sets a best time. It comes first in
    // pool order and has studies of its own, so a generator shared by the whole
    // pool would hand the others different draws.
    const slow = Object.fromEntries(v06.baseWorkloads.map((w) => [w, Infinity]));
    const studies = Object.fromEntries(v06.baseWorkloads.map((w) => [w, [Infinity, Infinity, Infinity]]));
    const after = bootstrapPool({ ...v06, submissions: [{ name: "a_slow", times: slow, studies }, ...v06.submissions] }, {}, { resamples: 300 });
    for (const m of before.members) expect(after.members.find((x) => x.name === m.name)!.interval, m.name).toEqual(m.interval);
  });

  test("one study per cell (the paper's fractions): no interval, and the reason says so", () => {
    const single: StudyPoolInput = {
      ...v05Pool,
      submissions: v05Pool.submissions.map((s) => ({ ...s, studies: Object.fromEntries(Object.keys(s.times).map((w) => [w, [s.times[w]!]])) })),
    };
    const r = bootstrapPool(single);
    expect(r.available).toBe(false);
    expect(r.reason).toMatch(/no interval can be computed/);
    expect(r.members.every((m) => m.interval === null && m.rankInterval === null)).toBe(true);
    expect(r.members.map((m) => m.name)).toEqual(scorePool(v05Pool).ranking);
  });

  test("options are validated", () => {
    expect(() => bootstrapPool(v05Pool, {}, { seed: -1 })).toThrow(/seed/);
    expect(() => bootstrapPool(v05Pool, {}, { resamples: 0 })).toThrow(/resamples/);
    expect(() => bootstrapPool(v05Pool, {}, { level: 1 })).toThrow(/level/);
  });
});
