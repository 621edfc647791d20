// Property-based checks of the scoring engine (fast-check): invariants any
// correct implementation of docs/scoring.md §3–§5 must keep, on random pools
// with held-out variants (of w0 and w3).
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { scorePool, type PoolInput, type ScoreSettings } from "@/lib/scoring";

const WORKLOADS = ["w0", "w1", "w2", "w3", "w4", "w5"];
/** Held-out variants of w0 and w3 (docs/scoring.md §3): a failed or over-4x variant disqualifies its base. */
const VARIANTS = ["w0_variant", "w3_variant"];
const COLUMNS = [...WORKLOADS, ...VARIANTS];
/** Column index of each variant's base (w0, w3). */
const BASE_OF_VARIANT = [0, 3];

/** The pool's best time on a variant where its base was trained (§3.3, §3.4: NaN ignored). */
function variantBest(rows: number[][], v: number): number {
  const times = rows.filter((r) => Number.isFinite(r[BASE_OF_VARIANT[v]!]!)).map((r) => r[WORKLOADS.length + v]!);
  return Math.min(Infinity, ...times.filter((t) => !Number.isNaN(t)));
}

/** A time: mostly finite and positive, sometimes not reached (inf) or no data (NaN), rarely 0. */
const time = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: 0.01, max: 1000, noNaN: true, noDefaultInfinity: true }) },
  { weight: 2, arbitrary: fc.constant(Infinity) },
  { weight: 1, arbitrary: fc.constant(NaN) },
  { weight: 1, arbitrary: fc.constant(0) },
);
const row = fc.tuple(...COLUMNS.map(() => time));
const pool = fc.array(row, { minLength: 1, maxLength: 8 });
const settings = fc.record({
  tauMax: fc.oneof(fc.constant(4), fc.double({ min: 1.25, max: 6, noNaN: true })),
  points: fc.integer({ min: 2, max: 120 }),
  scale: fc.constantFrom("linear" as const, "log" as const),
  integration: fc.constantFrom("trapezoid" as const, "exact" as const),
});

function input(rows: number[][], names = rows.map((_, i) => `s${i}`)): PoolInput {
  return {
    baseWorkloads: WORKLOADS,
    heldOutWorkloads: VARIANTS,
    submissions: rows.map((r, i) => ({ name: names[i]!, times: Object.fromEntries(COLUMNS.map((w, j) => [w, r[j]!])) })),
  };
}

const close = (a: number, b: number) => Object.is(a, b) || Math.abs(a - b) <= 1e-12;

/** A ranking as its groups of equal scores (within rounding), best first; the order inside a tie is the listing order. */
function tieGroups(ranking: string[], scores: Record<string, number>, rename: (n: string) => string = (n) => n): string[][] {
  const groups: string[][] = [];
  let last: number | null = null;
  for (const name of ranking) {
    const score = scores[name]!;
    if (last === null || !close(score, last)) groups.push([]);
    groups.at(-1)!.push(rename(name));
    last = score;
  }
  return groups.map((g) => g.sort());
}

describe("scoring invariants (fast-check)", () => {
  test("scores lie in [0, 1] and every profile is non-decreasing in tau", () => {
    fc.assert(
      fc.property(pool, settings, (rows, s: Partial<ScoreSettings>) => {
        const r = scorePool(input(rows), s);
        for (const name of Object.keys(r.scores)) {
          const score = r.scores[name]!;
          expect(score).toBeGreaterThanOrEqual(-1e-12);
          expect(score).toBeLessThanOrEqual(1 + 1e-12);
          const rho = r.profiles[name]!;
          for (let i = 1; i < rho.length; i++) expect(rho[i]!).toBeGreaterThanOrEqual(rho[i - 1]!);
        }
      }),
      { numRuns: 300 },
    );
  });

  test("scores and the ranking do not depend on the names or the order of the submissions", () => {
    fc.assert(
      fc.property(pool, settings, fc.infiniteStream(fc.nat()), (rows, s, randomness) => {
        const base = scorePool(input(rows), s);
        const order = rows.map((_, i) => i);
        for (let i = order.length - 1; i > 0; i--) {
          const j = randomness.next().value % (i + 1);
          [order[i], order[j]] = [order[j]!, order[i]!];
        }
        const renamed = scorePool(
          input(
            order.map((i) => rows[i]!),
            order.map((i) => `renamed-${i}`),
          ),
          s,
        );
        order.forEach((original, position) => {
          expect(close(renamed.scores[`renamed-${original}`]!, base.scores[`s${original}`]!), `position ${position}`).toBe(true);
        });
        // The same ranking: the same groups of equal scores in the same order (inside a tie, listing order decides).
        expect(tieGroups(renamed.ranking, renamed.scores, (n) => `s${n.slice("renamed-".length)}`)).toEqual(tieGroups(base.ranking, base.scores));
      }),
      { numRuns: 200 },
    );
  });

  test("adding a submission no faster than the best on every workload leaves the others' scores unchanged", () => {
    fc.assert(
      fc.property(pool, settings, fc.array(fc.double({ min: 1, max: 10, noNaN: true }), { minLength: 6, maxLength: 6 }), (rows, s, factors) => {
        const before = scorePool(input(rows), s);
        // Per workload: the pool best times a factor >= 1 (inf stays inf; where nobody has data, no data).
        const slower = WORKLOADS.map((w, j) => {
          const best = before.best[w]!;
          return Number.isNaN(best) ? NaN : best * factors[j]!;
        });
        // Its held-out variants failed (§3.5): that disqualifies its own bases, and cannot lower any variant's best.
        for (let v = 0; v < VARIANTS.length; v++) slower.push(Infinity);
        const after = scorePool(input([...rows, slower]), s);
        for (const name of Object.keys(before.scores)) expect(close(after.scores[name]!, before.scores[name]!), name).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test("adding a submission that lowers no held-out variant's best never raises anyone else's score", () => {
    fc.assert(
      fc.property(pool, row, settings, (rows, extra, s) => {
        // A faster variant can disqualify another submission's base (§3.4, §3.5) and so RAISE that base's best
        // time, and with it a third submission's score: the official rule, pinned by the example test below.
        fc.pre(VARIANTS.every((_, v) => !(Number.isFinite(extra[BASE_OF_VARIANT[v]!]) && extra[WORKLOADS.length + v]! < variantBest(rows, v))));
        const before = scorePool(input(rows), s);
        const after = scorePool(input([...rows, extra]), s);
        for (const name of Object.keys(before.scores)) expect(after.scores[name]!).toBeLessThanOrEqual(before.scores[name]! + 1e-12);
      }),
      { numRuns: 300 },
    );
  });
  test("a faster held-out variant can raise a third submission's score (§3.4, §3.5: found by the property above)", () => {
    const base = { w0: 1, w1: 1, w2: 1, w4: 1, w5: 1, w0_variant: 1 };
    const pool = (rows: Record<string, number>[]): PoolInput => ({
      baseWorkloads: WORKLOADS,
      heldOutWorkloads: VARIANTS,
      submissions: rows.map((times, i) => ({ name: `s${i}`, times })),
    });
    // s0 is the fastest on w3 and its w3 variant is within 4x of the variant's best (4 / 1.25 = 3.2).
    const rows = [
      { ...base, w3: 1, w3_variant: 4 },
      { ...base, w3: 2, w3_variant: 1.25 },
    ];
    // s2's variant time 0.5 makes s0's variant 8x the best: s0 loses w3, the best on w3 becomes s1's 2, s1's ratio there 1.
    const before = scorePool(pool(rows), {});
    const after = scorePool(pool([...rows, { ...base, w3: 10, w3_variant: 0.5 }]), {});
    expect(before.best.w3).toBe(1);
    expect(after.best.w3).toBe(2);
    expect(after.scores.s1!).toBeGreaterThan(before.scores.s1!);
  });
});
