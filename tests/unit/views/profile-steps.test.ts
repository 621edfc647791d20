// The plotted step profile is the scoring engine's rho, not an approximation:
// at every point of the scoring grid it equals ScoreResult.profiles.
import fc from "fast-check";
import { expect, test } from "vitest";
import { scorePool } from "@/lib/scoring";
import { profileSteps, rhoOnSteps } from "@/lib/views/profile-steps";

const WORKLOADS = ["a", "b", "c", "d", "e", "f", "g", "h"];

test("rho on the plotted steps equals the engine's profile at every grid point (docs/scoring.md §4.5)", () => {
  const time = fc.oneof(fc.double({ min: 0.01, max: 10, noNaN: true }), fc.constant(Infinity), fc.constant(NaN));
  const pool = fc.array(fc.array(time, { minLength: 8, maxLength: 8 }), { minLength: 2, maxLength: 12 });
  fc.assert(
    fc.property(pool, fc.constantFrom(2, 4, 7.5), fc.constantFrom<"linear" | "log">("linear", "log"), (rows, tauMax, scale) => {
      // Every workload needs at least one member with data for the engine.
      rows[0] = rows[0]!.map((t) => (Number.isNaN(t) ? 1 : t));
      const submissions = rows.map((times, i) => ({ name: `s${i}`, times: Object.fromEntries(WORKLOADS.map((w, k) => [w, times[k]!])) }));
      const r = scorePool({ baseWorkloads: WORKLOADS, heldOutWorkloads: [], submissions }, { tauMax, scale, points: 50 });
      for (const s of submissions) {
        const ratios = WORKLOADS.map((w) => r.cells[s.name]![w]!.ratio);
        const steps = profileSteps(ratios, WORKLOADS.length, r.settings.tauMin, r.settings.tauMax);
        expect(steps[0]![0]).toBe(r.settings.tauMin);
        expect(steps.at(-1)![0]).toBe(r.settings.tauMax);
        r.tau.forEach((tau, i) => expect(rhoOnSteps(steps, tau)).toBe(r.profiles[s.name]![i]));
      }
    }),
    { numRuns: 200 },
  );
});

test("a step sits exactly at each ratio: rho jumps at r, inclusive (ratio <= tau)", () => {
  const steps = profileSteps([1, 1.5, 1.5, 3, Infinity, NaN, 5, 2], 8, 1, 4);
  expect(steps).toEqual([
    [1, 1 / 8],
    [1.5, 3 / 8],
    [2, 4 / 8],
    [3, 5 / 8],
    [4, 5 / 8],
  ]);
  expect(rhoOnSteps(steps, 1.4999)).toBe(1 / 8);
  expect(rhoOnSteps(steps, 1.5)).toBe(3 / 8);
  expect(rhoOnSteps(steps, 0.5)).toBe(0);
});
