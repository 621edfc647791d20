// Workload-set robustness (lib/scoring/analysis/robustness.ts): every score is
// the scoring engine's on a changed workload set.
import { describe, expect, test } from "vitest";
import { baseWorkloadOf, poolFromRound, scorePool, type RoundTrials } from "../../../lib/scoring";
import { leaveOneWorkloadOut, poolWithoutWorkload, poolWithWorkloads, workloadRobustness } from "../../../lib/scoring/analysis/robustness";
import { ranksOf, studyPoolFromRound } from "../../../lib/scoring/analysis";
import { loadRound } from "../scoring/published-data";

const v05 = loadRound("v0.5", "external");
const pool = studyPoolFromRound(v05);

/** The published round as if workload `w` had never been run: its logs (and its variants') and its entries in the lists removed. */
function roundWithout(round: RoundTrials, w: string): RoundTrials {
  const variantOfW = (name: string) => !round.base_workloads.includes(name) && baseWorkloadOf(name, round.base_workloads) === w;
  const gone = (directory: string) => {
    const name = directory.replace(/_(jax|pytorch)$/, "");
    return name === w || variantOfW(name);
  };
  return {
    base_workloads: round.base_workloads.filter((x) => x !== w),
    held_out_workloads: round.held_out_workloads.filter((x) => !variantOfW(x)),
    submissions: Object.fromEntries(
      Object.entries(round.submissions).map(([name, dirs]) => [name, Object.fromEntries(Object.entries(dirs).filter(([d]) => !gone(d)))]),
    ),
  };
}

describe("leave one workload out", () => {
  test("on the 8 workloads of v0.5 external, equals the engine scoring the round with that workload's logs dropped", () => {
    const rows = leaveOneWorkloadOut(pool);
    expect(rows.map((r) => r.workload)).toEqual(v05.base_workloads);
    for (const row of rows) {
      const expected = scorePool(poolFromRound(roundWithout(v05, row.workload)));
      expect(row.scores, row.workload).toEqual(expected.scores);
      expect(row.ranking).toEqual(expected.ranking);
      // Renormalised: every profile ends at (hits among the 7 left) / 7.
      for (const [name, profile] of Object.entries(row.profiles)) expect(profile.at(-1)! * 7, name).toBeCloseTo(Math.round(profile.at(-1)! * 7), 12);
    }
  });

  test("the verdict names the workloads whose removal changes a member's rank", () => {
    const r = workloadRobustness(pool, {}, { seed: 1, resamples: 50, level: 0.95 });
    const names = pool.submissions.map((s) => s.name);
    const pointRanks = ranksOf(scorePool(pool).scores, names);
    for (const m of r.members) {
      const expected = leaveOneWorkloadOut(pool)
        .filter((l) => ranksOf(l.scores, names)[m.name] !== pointRanks[m.name])
        .map((l) => l.workload);
      expect(m.dependsOn).toEqual(expected);
      expect(m.verdict).toBe(expected.length ? `depends on ${expected.join(", ")}` : "rank stable under any one workload removed");
    }
    // Top 3 of v0.5 external: Shampoo, Schedule-Free AdamW, Generalized Adam (the published order).
    expect(r.members.slice(0, 3).map((m) => m.name)).toEqual(["shampoo_submission", "schedule_free_adamw", "generalized_adam"]);
    for (const p of r.pairs.slice(0, 2)) {
      for (const w of v05.base_workloads) {
        const dropped = scorePool(poolFromRound(roundWithout(v05, w))).scores;
        expect(p.changedBy.includes(w), `${p.upper} > ${p.lower} without ${w}`).toBe(!(dropped[p.upper]! > dropped[p.lower]!));
      }
    }
  });
});

describe("pool without a workload: held-out variants", () => {
  // x fails its only variant x_v (disqualifying x); y has an unlisted extra column y_extra.
  const input = {
    baseWorkloads: ["x", "y", "z"],
    heldOutWorkloads: ["x_v"],
    submissions: [
      { name: "s1", times: { x: 1, x_v: Infinity, y: 2, y_extra: Infinity, z: 3 } },
      { name: "s2", times: { x: 2, x_v: 5, y: 1, y_extra: 1, z: 3 } },
    ],
  };

  test("dropping x takes its variant too; emptying the held-out list does not turn other columns into variants", () => {
    const without = poolWithoutWorkload(input, "x");
    expect(without.heldOutWorkloads).toEqual([]);
    expect(without.submissions.map((s) => Object.keys(s.times).sort())).toEqual([
      ["y", "z"],
      ["y", "z"],
    ]);
    // If y_extra had stayed with an empty held-out list it would act as y's variant (§3.2) and disqualify s1 on y.
    const scored = scorePool(without);
    expect(scored.cells.s1!.y!.status).toBe("hit");
    expect(scored.scores).toEqual(scorePool({ baseWorkloads: ["y", "z"], heldOutWorkloads: [], submissions: without.submissions }).scores);
  });

  test("dropping y keeps x's variant rule: s1 stays disqualified on x", () => {
    const scored = scorePool(poolWithoutWorkload(input, "y"));
    expect(scored.cells.s1!.x!.status).toBe("variant_failed");
  });
});

describe("bootstrap over workloads", () => {
  test("drawing each workload once scores exactly like the pool; one workload drawn 8 times like the pool of that workload alone", () => {
    expect(scorePool(poolWithWorkloads(pool, pool.baseWorkloads)).scores).toEqual(scorePool(pool).scores);
    const w = "ogbg";
    const eight = scorePool(poolWithWorkloads(pool, Array(8).fill(w))).scores;
    const alone = scorePool(
      poolFromRound({ ...v05, base_workloads: [w], held_out_workloads: v05.held_out_workloads.filter((v) => baseWorkloadOf(v, v05.base_workloads) === w) }),
    ).scores;
    for (const name of Object.keys(alone)) expect(eight[name], name).toBeCloseTo(alone[name]!, 12);
  });

  test("deterministic for a seed; shares of kept order are in [0, 1]", () => {
    const a = workloadRobustness(pool, {}, { seed: 5, resamples: 60, level: 0.95 });
    expect(workloadRobustness(pool, {}, { seed: 5, resamples: 60, level: 0.95 })).toEqual(a);
    const b = workloadRobustness(pool, {}, { seed: 6, resamples: 60, level: 0.95 });
    expect(b.pairs.map((p) => p.keptByWorkloads)).not.toEqual(a.pairs.map((p) => p.keptByWorkloads));
    expect(a.pairs).toHaveLength(pool.submissions.length - 1);
    for (const p of a.pairs) {
      expect(p.keptByWorkloads).toBeGreaterThanOrEqual(0);
      expect(p.keptByWorkloads).toBeLessThanOrEqual(1);
      expect(p.keptByStudies).not.toBeNull();
    }
  });
});
