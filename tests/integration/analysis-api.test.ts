// The analysis endpoints over real HTTP against the seeded database: each is
// checked against the scores endpoint (the same pool, rescored), the
// published data, or a small round whose answer is worked out by hand; never
// against lib/scoring called from the test.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { decodeNumber } from "@/lib/scoring";
import { createRound, createToken, dropRound, unique, uploadRest, workload } from "../support/ingest";
import { readPublished } from "../support/published";

/** Competition ranks (1, 2, 2, 4), written out: one plus the number of strictly higher scores. */
const competitionRanks = (scores: number[]) => scores.map((s) => 1 + scores.filter((o) => o > s).length);

const PAPER = "paper-2505.24005";
const V05 = "algoperf-v0.5-external";

interface Row {
  display_name: string;
  score: number;
  base_algorithm: string;
  horizon_fraction: number | null;
  targets_hit: number;
  appendix_e_row?: string;
}
interface Paper {
  table6_scores: { rows: Row[] };
  appendix_e_all_methods: { rows: Row[] };
}
const slugify = (name: string) =>
  name
    .toLowerCase()
    .replace(/%/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

async function get(pathAndQuery: string) {
  const res = await fetch(`${inject("baseUrl")}${pathAndQuery}`);
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  return { status: res.status, body: await res.json() };
}
const num = (x: number | string) => decodeNumber(x);

describe("GET /api/v1/rounds/<round>/uncertainty", () => {
  test("v0.5 external: every member's interval lies in [0, 1] and its rank interval in [1, N]; the same seed gives the same answer", async () => {
    const { status, body } = await get(`/api/v1/rounds/${V05}/uncertainty`);
    expect(status).toBe(200);
    expect(body.method).toMatchObject({ seed: 1, resamples: 1000, level: 0.95 });
    expect(body.available).toBe(true);
    const scores = (await get(`/api/v1/rounds/${V05}/scores`)).body.scores as Record<string, number>;
    const n = Object.keys(scores).length;
    expect(body.submissions.map((s: { key: string }) => s.key).sort()).toEqual(Object.keys(scores).sort());
    for (const got of body.submissions as { key: string; score: number; interval: [number, number]; rankInterval: [number, number]; studies: number[] }[]) {
      expect(got.score, got.key).toBe(scores[got.key]);
      const [lo, hi] = got.interval;
      expect(0 <= lo && lo <= hi && hi <= 1, `${got.key}: [${lo}, ${hi}]`).toBe(true);
      const [a, b] = got.rankInterval;
      expect(Number.isInteger(a) && Number.isInteger(b) && 1 <= a && a <= b && b <= n, `${got.key}: ranks [${a}, ${b}]`).toBe(true);
      // The published v0.5 external results have 5 studies per workload (README "What is loaded").
      expect(got.studies[1], got.key).toBe(5);
    }
    expect((await get(`/api/v1/rounds/${V05}/uncertainty`)).body).toEqual(body);
  });

  describe("a round whose studies all agree", () => {
    const ROUND = unique("test-uncertainty-by-hand");
    beforeAll(async () => {
      await createRound({
        slug: ROUND,
        studiesExpected: 3,
        trialsExpected: 1,
        workloads: [workload("w1", { budgetSeconds: 1000 }), workload("w2", { budgetSeconds: 1000 })],
      });
      // An admin's uploads are verified, so they form the round's default pool (docs/trust-model.md).
      const token = await createToken(unique("uncertainty"), "admin");
      const times = { a: { w1: 100, w2: 200 }, b: { w1: 300, w2: 100 } };
      const runs = Object.entries(times).flatMap(([submission, t]) =>
        Object.entries(t).flatMap(([w, seconds]) =>
          [0, 1, 2].map((study) => ({ submission, workload: w, study, trial: 1, timeToTarget: { reached: true, seconds } })),
        ),
      );
      const res = await uploadRest({ round: ROUND, submissions: [{ slug: "a" }, { slug: "b" }], runs }, token);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    });
    afterAll(() => dropRound(ROUND));

    test("every resample is the pool itself, so each interval is the hand-computed score and the ranks never move", async () => {
      // docs/scoring.md: ratios a 1, 2 and b 3, 1; exact area of the step profile on [1, 4] / 3:
      // a (3 + 2) / 2 / 3 = 5/6, b (1 + 3) / 2 / 3 = 2/3.
      const { status, body } = await get(`/api/v1/rounds/${ROUND}/uncertainty?integration=exact&seed=7&resamples=50`);
      expect(status).toBe(200);
      expect(body.available).toBe(true);
      const member = (key: string) => body.submissions.find((s: { key: string }) => s.key === key);
      expect(member("a").score).toBeCloseTo(5 / 6, 12);
      expect(member("b").score).toBeCloseTo(2 / 3, 12);
      for (const [key, score] of [
        ["a", 5 / 6],
        ["b", 2 / 3],
      ] as const) {
        expect(member(key).interval[0], key).toBeCloseTo(score, 12);
        expect(member(key).interval[1], key).toBeCloseTo(score, 12);
      }
      expect([member("a").rankInterval, member("b").rankInterval]).toEqual([
        [1, 1],
        [2, 2],
      ]);
      // Intervals that do not overlap: each member is a group of its own.
      expect(body.tiedGroups.map((g: { members: string[] }) => g.members)).toEqual([["a"], ["b"]]);
    });
  });

  test("a seed and resample count are honoured, and the response says which", async () => {
    const a = await get(`/api/v1/rounds/algoperf-v0.6-external/uncertainty?seed=5&resamples=200`);
    const b = await get(`/api/v1/rounds/algoperf-v0.6-external/uncertainty?seed=6&resamples=200`);
    expect(a.body.method).toMatchObject({ seed: 5, resamples: 200 });
    expect(a.body.submissions.map((s: { interval: number[] }) => s.interval)).not.toEqual(b.body.submissions.map((s: { interval: number[] }) => s.interval));
  });

  test("the paper's round (one value per workload) says no interval can be computed instead of showing one", async () => {
    const { status, body } = await get(`/api/v1/rounds/${PAPER}/uncertainty`);
    expect(status).toBe(200);
    expect(body.available).toBe(false);
    expect(body.reason).toMatch(/no interval can be computed/);
    expect(body.submissions).toHaveLength(36);
    expect(body.submissions.every((s: { interval: unknown; studies: number[] }) => s.interval === null && s.studies[1] === 1)).toBe(true);
    expect(body.tiedGroups).toEqual([]);
  });

  test("bad parameters are 400s naming the parameter", async () => {
    for (const [q, path] of [
      ["resamples=5", "resamples"],
      ["seed=-1", "seed"],
      ["seed=abc", "seed"],
      ["integration=simpson", "integration"],
    ] as const) {
      const { status, body } = await get(`/api/v1/rounds/${V05}/uncertainty?${q}`);
      expect(status, q).toBe(400);
      expect(body.error.issues[0].path, q).toBe(path);
    }
    expect((await get(`/api/v1/rounds/nope/uncertainty`)).status).toBe(404);
  });
});

describe("GET /api/v1/rounds/<round>/sensitivity", () => {
  test("Appendix F for Schedule-Free: 'with' is the scores of the 37-row pool, 'without' the scores of the default pool", async () => {
    const { status, body } = await get(`/api/v1/rounds/${PAPER}/sensitivity?integration=exact&submission=schedule-free-adamw`);
    expect(status).toBe(200);
    expect(body.view).toBe("subject");
    expect(body.subject).toMatchObject({ key: "schedule-free-adamw", inPool: false, rankWith: 1 });
    const without = (await get(`/api/v1/rounds/${PAPER}/scores?integration=exact`)).body;
    const withPool = (await get(`/api/v1/rounds/${PAPER}/scores?integration=exact&pool=${[...Object.keys(without.scores), "schedule-free-adamw"].join(",")}`))
      .body;
    expect(body.rows).toHaveLength(36);
    const rankWithout = competitionRanks(body.rows.map((r: { key: string }) => without.scores[r.key]));
    body.rows.forEach((r: { key: string; scoreWith: number; scoreWithout: number; rankWithout: number }, i: number) => {
      expect(r.scoreWithout, r.key).toBe(without.scores[r.key]);
      expect(r.scoreWith, r.key).toBe(withPool.scores[r.key]);
      expect(r.rankWithout, r.key).toBe(rankWithout[i]);
    });
    expect(body.subject.scoreWith).toBe(withPool.scores["schedule-free-adamw"]);
    const adamw = body.rows.find((r: { key: string }) => r.key === "adamw-33-1");
    expect([adamw.scoreWithout.toFixed(3), adamw.scoreWith.toFixed(3)]).toEqual(["0.498", "0.478"]);
    expect(body.displayNames["schedule-free-adamw"]).toMatch(/Schedule-Free/);
  });

  test("a member of the pool is removed: its 'without' column equals the scores endpoint for the pool minus it", async () => {
    const full = (await get(`/api/v1/rounds/${V05}/scores`)).body;
    const { body } = await get(`/api/v1/rounds/${V05}/sensitivity?submission=shampoo_submission`);
    expect(body.subject.inPool).toBe(true);
    const rest = Object.keys(full.scores).filter((k) => k !== "shampoo_submission");
    const without = (await get(`/api/v1/rounds/${V05}/scores?pool=${rest.join(",")}`)).body;
    for (const r of body.rows) {
      expect(r.scoreWithout, r.key).toBe(without.scores[r.key]);
      expect(r.scoreWith, r.key).toBe(full.scores[r.key]);
    }
    expect(body.poolWithout.sort()).toEqual(rest.sort());
  });

  test("without `submission`: the leave-one-out table, each row equal to two scorings of the pool", async () => {
    const { status, body } = await get(`/api/v1/rounds/${V05}/sensitivity`);
    expect(status).toBe(200);
    expect(body.view).toBe("leave-one-out");
    const full = (await get(`/api/v1/rounds/${V05}/scores`)).body.scores as Record<string, number>;
    expect(body.rows.map((r: { key: string }) => r.key).sort()).toEqual(Object.keys(full).sort());
    const moving = body.rows.filter((r: { maxAbsDelta: number }) => num(r.maxAbsDelta) > 0);
    expect(moving.length).toBeGreaterThan(0);
    const x = moving[0];
    const others = Object.keys(full).filter((k) => k !== x.key);
    const without = (await get(`/api/v1/rounds/${V05}/scores?pool=${others.join(",")}`)).body.scores as Record<string, number>;
    const deltas = others.map((k) => Math.abs(without[k]! - full[k]!));
    expect(x.meanAbsDelta).toBeCloseTo(deltas.reduce((a, b) => a + b, 0) / deltas.length, 12);
    expect(x.maxAbsDelta).toBe(Math.max(...deltas));
  });

  test("an unknown submission is a 400 naming `submission` and listing the round's slugs", async () => {
    const { status, body } = await get(`/api/v1/rounds/${PAPER}/sensitivity?submission=adamw-99`);
    expect(status).toBe(400);
    expect(body.error.issues[0].path).toBe("submission");
    expect(body.error.message).toMatch(/adamw-33-1/);
  });
});

describe("GET /api/v1/rounds/<round>/horizon", () => {
  test("the paper's round reproduces Table 6 per algorithm and horizon (exact integration, 36-row pool, within 0.001)", async () => {
    const { status, body } = await get(`/api/v1/rounds/${PAPER}/horizon?integration=exact`);
    expect(status).toBe(200);
    const paper = readPublished<Paper>("paper_tables.json");
    for (const row of paper.table6_scores.rows) {
      const step = body.series
        .find((s: { baseAlgorithm: string }) => s.baseAlgorithm === row.base_algorithm)
        .steps.find((s: { horizon: number }) => s.horizon === row.horizon_fraction);
      expect(step.selected.name, row.display_name).toBe(slugify(row.appendix_e_row!));
      expect(Math.abs(step.selected.score - row.score), row.display_name).toBeLessThanOrEqual(0.001);
      expect(step.selected.targetsHit).toBe(row.targets_hit);
      expect(step.configurations).toHaveLength(3);
    }
    expect(body.summary).toMatch(/Best horizon/);
  });

  test("a round without several horizons per algorithm has no series", async () => {
    const { status, body } = await get(`/api/v1/rounds/${V05}/horizon`);
    expect(status).toBe(200);
    expect(body.series).toEqual([]);
    expect(body.summary).toBeNull();
  });
});

describe("GET /api/v1/rounds/<round>/calibration", () => {
  test("every configuration with the selection metric and its targets; top k per algorithm x horizon", async () => {
    const { status, body } = await get(`/api/v1/rounds/${PAPER}/calibration?k=2`);
    expect(status).toBe(200);
    expect(body.k).toBe(2);
    const paper = readPublished<Paper>("paper_tables.json");
    expect(body.rows).toHaveLength(36);
    for (const row of paper.appendix_e_all_methods.rows) {
      expect(body.rows.find((r: { name: string }) => r.name === slugify(row.display_name)).targetsReached, row.display_name).toBe(row.targets_hit);
    }
    const metric = body.rows.map((r: { geometricMeanTime: number }) => r.geometricMeanTime);
    expect(metric).toEqual([...metric].sort((a, b) => a - b));
    expect(body.groups).toHaveLength(12);
    for (const g of body.groups) expect(g.top).toEqual(g.members.slice(0, 2));
    // A miss counts as (budget + 1) / budget on the fraction basis (compute_speedups.py's budget + 1).
    for (const v of Object.values(body.missValues) as number[]) expect(v).toBeGreaterThan(1);
    const scores = (await get(`/api/v1/rounds/${PAPER}/scores`)).body;
    for (const r of body.rows) expect(r.geometricMeanTime, r.name).toBe(scores.geometricMeanTime[r.name]);
  });

  test("k is validated", async () => {
    const { status, body } = await get(`/api/v1/rounds/${PAPER}/calibration?k=0`);
    expect(status).toBe(400);
    expect(body.error.issues[0].path).toBe("k");
  });
});

describe("GET /api/v1/rounds/<round>/tau-sensitivity", () => {
  test("ranks at every tau max equal the competition ranks of the scores endpoint at that tau max", async () => {
    const { status, body } = await get(`/api/v1/rounds/${V05}/tau-sensitivity`);
    expect(status).toBe(200);
    expect(body.taus).toEqual(Array.from({ length: 12 }, (_, i) => 1.25 + 0.25 * i));
    for (const i of [0, 5, 11]) {
      const scores = (await get(`/api/v1/rounds/${V05}/scores?tauMax=${body.taus[i]}`)).body.scores as Record<string, number>;
      const keys = body.series.map((s: { key: string }) => s.key);
      const ranks = competitionRanks(keys.map((k: string) => scores[k]!));
      body.series.forEach((s: { key: string; ranks: number[]; scores: number[] }, j: number) => {
        expect(s.scores[i], s.key).toBe(scores[s.key]);
        expect(s.ranks[i], s.key).toBe(ranks[j]);
      });
    }
  });

  test("from/to/steps are validated; tauMax in the query is ignored (it is what is swept)", async () => {
    expect((await get(`/api/v1/rounds/${V05}/tau-sensitivity?from=3&to=2`)).body.error.issues[0].path).toBe("to");
    expect((await get(`/api/v1/rounds/${V05}/tau-sensitivity?steps=1`)).body.error.issues[0].path).toBe("steps");
    expect((await get(`/api/v1/rounds/${V05}/tau-sensitivity?from=1`)).status).toBe(400);
    const a = (await get(`/api/v1/rounds/${V05}/tau-sensitivity?from=2&to=4&steps=3`)).body;
    const b = (await get(`/api/v1/rounds/${V05}/tau-sensitivity?from=2&to=4&steps=3&tauMax=2.5`)).body;
    expect(a.taus).toEqual([2, 3, 4]);
    expect(b.series).toEqual(a.series);
  });
});
