// Tied groups = maximal sets of intervals sharing a point (lib/scoring/analysis/ties.ts).
import fc from "fast-check";
import { expect, test } from "vitest";
import { groupLabel, tiedGroups, type ScoreInterval } from "../../../lib/scoring/analysis";

const iv = (name: string, lo: number, hi: number, score = (lo + hi) / 2): ScoreInterval => ({ name, score, lo, hi });
const overlaps = (a: ScoreInterval, b: ScoreInterval) => a.lo <= b.hi && b.lo <= a.hi;

test("a chain A ~ B ~ C without A ~ C gives two groups, the top one first", () => {
  const groups = tiedGroups([iv("A", 0.6, 0.8), iv("B", 0.5, 0.65), iv("C", 0.3, 0.55)]);
  expect(groups).toEqual([
    { label: "a", members: ["A", "B"], overlap: [0.6, 0.65] },
    { label: "b", members: ["B", "C"], overlap: [0.5, 0.55] },
  ]);
});

test("touching closed intervals overlap; separated ones form groups of their own", () => {
  expect(tiedGroups([iv("A", 0.5, 0.6), iv("B", 0.4, 0.5)]).map((g) => g.members)).toEqual([["A", "B"]]);
  expect(tiedGroups([iv("A", 0.5, 0.6), iv("B", 0.4, 0.49)]).map((g) => g.members)).toEqual([["A"], ["B"]]);
  expect(tiedGroups([])).toEqual([]);
});

test("labels: a..z, then aa, ab, ...", () => {
  expect([0, 1, 25, 26, 27, 701, 702].map(groupLabel)).toEqual(["a", "b", "z", "aa", "ab", "zz", "aaa"]);
});

test("property: groups are exactly the maximal cliques of the overlap graph", () => {
  const interval = fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 6 })).map(([lo, w]) => [lo / 20, (lo + w) / 20] as const);
  fc.assert(
    fc.property(fc.array(interval, { minLength: 1, maxLength: 12 }), (raw) => {
      const ivs = raw.map(([lo, hi], i) => iv(`s${i}`, lo, hi));
      const byName = new Map(ivs.map((x) => [x.name, x]));
      const groups = tiedGroups(ivs);
      for (const g of groups) {
        const members = g.members.map((n) => byName.get(n)!);
        // pairwise overlapping, and the overlap is what they share
        for (const a of members) for (const b of members) expect(overlaps(a, b)).toBe(true);
        expect(g.overlap[0]).toBe(Math.max(...members.map((m) => m.lo)));
        expect(g.overlap[1]).toBe(Math.min(...members.map((m) => m.hi)));
        // maximal: nobody outside overlaps every member
        for (const x of ivs) if (!g.members.includes(x.name)) expect(members.every((m) => overlaps(m, x))).toBe(false);
      }
      // every overlapping pair shares a group (so "tied" = "share a group")
      for (const a of ivs)
        for (const b of ivs) if (overlaps(a, b)) expect(groups.some((g) => g.members.includes(a.name) && g.members.includes(b.name))).toBe(true);
      // no duplicates
      expect(new Set(groups.map((g) => [...g.members].sort().join())).size).toBe(groups.length);
    }),
    { numRuns: 300 },
  );
});
