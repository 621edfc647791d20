// Head to head, speedup matrix and workload-set robustness over real HTTP
// against the seeded database, checked against the published per-trial data
// (scored by the engine), the official compute_speedups.py values
// (tests/fixtures/speedups) and the engine with a workload dropped.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, inject, test } from "vitest";
import { baseWorkloadOf, decodeNumber, poolFromRound, scorePool, type RoundTrials } from "@/lib/scoring";
import { speedupMatrix } from "@/lib/scoring/analysis/speedup";
import { studyPoolFromRound } from "@/lib/scoring/analysis";
import { readPublished } from "../support/published";

const V05 = "algoperf-v0.5-external";
type Published = RoundTrials & { benchmark_version: string; ruleset: string; workload_specs: Record<string, { budget: number }> };
const published = readPublished<{ rounds: Published[] }>("algoperf_leaderboards.json").rounds.find(
  (r) => r.benchmark_version === "v0.5" && r.ruleset === "external",
)!;
const reference = JSON.parse(readFileSync(fileURLToPath(new URL("../fixtures/speedups/reference.json", import.meta.url)), "utf8")) as {
  rounds: Record<string, { speedups: Record<string, Record<string, number | null>> }>;
};
const num = (x: number | string) => decodeNumber(x);

async function get(pathAndQuery: string) {
  const res = await fetch(`${inject("baseUrl")}${pathAndQuery}`);
  const type = res.headers.get("content-type") ?? "";
  return { status: res.status, type, body: type.includes("json") ? await res.json() : await res.text() };
}

/** The published round with workload `w` (and its variants) never run. */
function roundWithout(round: RoundTrials, w: string): RoundTrials {
  const variantOfW = (name: string) => !round.base_workloads.includes(name) && baseWorkloadOf(name, round.base_workloads) === w;
  const gone = (d: string) => {
    const name = d.replace(/_(jax|pytorch)$/, "");
    return name === w || variantOfW(name);
  };
  return {
    base_workloads: round.base_workloads.filter((x) => x !== w),
    held_out_workloads: round.held_out_workloads.filter((x) => !variantOfW(x)),
    submissions: Object.fromEntries(
      Object.entries(round.submissions).map(([n, dirs]) => [n, Object.fromEntries(Object.entries(dirs).filter(([d]) => !gone(d)))]),
    ),
  };
}

describe("GET /api/v1/rounds/<round>/compare", () => {
  test("v0.5 external, shampoo_submission vs baseline: every ratio is the ratio of the published per-workload times; the speedup is compute_speedups.py's", async () => {
    const { status, body } = await get(`/api/v1/rounds/${V05}/compare?a=shampoo_submission&b=baseline`);
    expect(status).toBe(200);
    const times = Object.fromEntries(poolFromRound(published).submissions.map((s) => [s.name, s.times]));
    expect(body.workloads.map((w: { workload: string }) => w.workload)).toEqual(published.base_workloads);
    for (const w of body.workloads) {
      const miss = published.workload_specs[w.workload]!.budget + 1;
      const counted = (t: number) => (t === Infinity ? miss : t);
      const ta = times.shampoo_submission![w.workload]!;
      const tb = times.baseline![w.workload]!;
      expect(num(w.a.time), w.workload).toBe(ta);
      expect(num(w.b.time), w.workload).toBe(tb);
      expect(num(w.ratio), w.workload).toBe(counted(tb) / counted(ta));
      expect(w.winner).toBe(counted(ta) < counted(tb) ? "a" : counted(tb) < counted(ta) ? "b" : "tie");
    }
    const expected = reference.rounds[V05]!.speedups.shampoo_submission!.baseline!;
    expect(Math.abs(body.speedup.value - expected) / expected).toBeLessThanOrEqual(1e-14);
    expect(body.wins + body.losses + body.ties).toBe(8);
    // Their standing in the current (default) pool, which comparing does not change.
    const scores = (await get(`/api/v1/rounds/${V05}/scores`)).body.scores;
    expect(body.a.score).toBe(scores.shampoo_submission);
    expect(body.b.score).toBe(scores.baseline);
    expect(body.a.rank).toBe(1);
    expect(body.pool).toHaveLength(11);
  });

  test("the interval is the paired bootstrap of the published studies, deterministic for a seed", async () => {
    const a = (await get(`/api/v1/rounds/${V05}/compare?a=shampoo_submission&b=baseline&seed=7&resamples=300`)).body;
    const pool = studyPoolFromRound(published);
    const miss = Object.fromEntries(pool.baseWorkloads.map((w) => [w, published.workload_specs[w]!.budget + 1]));
    const members = ["shampoo_submission", "baseline"].map((n) => pool.submissions.find((s) => s.name === n)!);
    const expected = speedupMatrix(members, pool.baseWorkloads, miss, { seed: 7, resamples: 300, level: 0.95 }).pairs[0]![1]!;
    expect(a.speedup.interval).toEqual(expected.interval);
    expect(a.speedup.aFaster).toBe(expected.aFaster);
    expect(a.speedup.interval[0]).toBeLessThanOrEqual(a.speedup.value);
    const b = (await get(`/api/v1/rounds/${V05}/compare?a=shampoo_submission&b=baseline&seed=8&resamples=300`)).body;
    expect(b.speedup.interval).not.toEqual(a.speedup.interval);
  });

  test("CSV: one row per base workload, then the geometric mean, with the JSON's numbers", async () => {
    const json = (await get(`/api/v1/rounds/${V05}/compare?a=shampoo_submission&b=baseline`)).body;
    const { status, type, body } = await get(`/api/v1/rounds/${V05}/compare?a=shampoo_submission&b=baseline&format=csv`);
    expect(status).toBe(200);
    expect(type).toMatch(/text\/csv/);
    const lines = (body as string).trim().split("\n");
    expect(lines[0]).toBe("workload,a,b,a_time,b_time,a_counted,b_counted,ratio_b_over_a,winner,a_status,b_status");
    expect(lines).toHaveLength(1 + 8 + 1);
    lines.slice(1, 9).forEach((line, i) => expect(Number(line.split(",")[7])).toBe(num(json.workloads[i].ratio)));
    expect(Number(lines[9]!.split(",")[7])).toBe(json.speedup.value);
  });

  test("across rounds: B from the v0.5 self-tuning round (same time basis and workloads), its times those of its own round", async () => {
    const { status, body } = await get(`/api/v1/rounds/${V05}/compare?a=baseline&b=algoperf-v0.5-self-tuning/baseline`);
    expect(status).toBe(200);
    expect(body.b).toMatchObject({ key: "algoperf-v0.5-self-tuning/baseline", round: "algoperf-v0.5-self-tuning", inPool: false, score: null });
    const selfTuning = readPublished<{ rounds: Published[] }>("algoperf_leaderboards.json").rounds.find(
      (r) => r.benchmark_version === "v0.5" && r.ruleset === "self-tuning",
    )!;
    const times = poolFromRound(selfTuning).submissions.find((s) => s.name === "baseline")!.times;
    for (const w of body.workloads) expect(num(w.b.time), w.workload).toBe(times[w.workload]);
  });

  test("the paper's round (runtime fractions, one value per workload): a speedup with misses at (budget + 1) / budget, and no interval", async () => {
    const ranking = (await get(`/api/v1/rounds/paper-2505.24005/scores`)).body.ranking as string[];
    const { status, body } = await get(`/api/v1/rounds/paper-2505.24005/compare?a=${ranking[0]}&b=${ranking.at(-1)}`);
    expect(status).toBe(200);
    expect(Number.isFinite(body.speedup.value)).toBe(true);
    expect(body.speedup.interval).toBeNull();
    expect(body.speedup.aFaster).toBeNull();
    for (const w of body.workloads) {
      const miss = body.speedup.missValues[w.workload];
      expect(miss).toBeGreaterThan(1);
      if (num(w.a.time) === Infinity) expect(w.a.counted).toBe(miss);
    }
  });

  test("bad input: a 400 naming the parameter", async () => {
    for (const [q, path] of [
      ["b=baseline", "a"],
      ["a=baseline&b=baseline", "b"],
      ["a=nope&b=baseline", "a"],
      ["a=baseline&b=x%20y", "b"],
      ["a=baseline&b=amos&resamples=5", "resamples"],
    ] as const) {
      const { status, body } = await get(`/api/v1/rounds/${V05}/compare?${q}`);
      expect(status, q).toBe(400);
      expect(
        body.error.issues.map((i: { path: string }) => i.path),
        q,
      ).toContain(path);
    }
    expect((await get(`/api/v1/rounds/no-such-round/compare?a=x&b=y`)).status).toBe(404);
  });
});

describe("GET /api/v1/rounds/<round>/speedups", () => {
  test("every pair of the pool by score; each cell equals the compare endpoint; speedup(b, a) = 1 / speedup(a, b)", async () => {
    const { status, body } = await get(`/api/v1/rounds/${V05}/speedups?resamples=100`);
    expect(status).toBe(200);
    const scores = (await get(`/api/v1/rounds/${V05}/scores`)).body;
    expect(body.members.map((m: { key: string }) => m.key)).toEqual(scores.ranking);
    const i = body.members.findIndex((m: { key: string }) => m.key === "shampoo_submission");
    const j = body.members.findIndex((m: { key: string }) => m.key === "baseline");
    const compare = (await get(`/api/v1/rounds/${V05}/compare?a=shampoo_submission&b=baseline&resamples=100`)).body;
    expect(body.matrix[i][j].speedup).toBe(compare.speedup.value);
    expect(body.matrix[i][j].interval).toEqual(compare.speedup.interval);
    expect(Math.abs(body.matrix[j][i].speedup * body.matrix[i][j].speedup - 1)).toBeLessThanOrEqual(1e-14);
    const csv = (await get(`/api/v1/rounds/${V05}/speedups?resamples=100&format=csv`)).body as string;
    expect(csv.trim().split("\n")).toHaveLength(1 + 11 * 10);
  });

  test("the cost cap bounds the matrix, not resamples x pool size: 6,000 resamples of 11 members (refused by the old 60,000 limit) answer 200", async () => {
    // 6,000 x (4 x 440 studies drawn + 88) + 55 pairs x 8 x 6,000 + 55,000 + the scoring: about 14 million units, under 50,000,000.
    const { status, body } = await get(`/api/v1/rounds/${V05}/speedups?resamples=6000`);
    expect(status, JSON.stringify(body).slice(0, 300)).toBe(200);
    expect(body.method.resamples).toBe(6000);
  });
});

describe("GET /api/v1/rounds/<round>/robustness", () => {
  test("v0.5 external: leave-one-out equals the engine without the workload; for the top 3, the workloads whose removal changes their order", async () => {
    const { status, body } = await get(`/api/v1/rounds/${V05}/robustness?resamples=100`);
    expect(status).toBe(200);
    expect(body.submissions.slice(0, 3).map((m: { key: string }) => m.key)).toEqual(["shampoo_submission", "schedule_free_adamw", "generalized_adam"]);
    const without = Object.fromEntries(published.base_workloads.map((w) => [w, scorePool(poolFromRound(roundWithout(published, w))).scores]));
    for (const m of body.submissions)
      for (const w of published.base_workloads) expect(num(m.leaveOut[w].score), `${m.key} without ${w}`).toBe(without[w]![m.key]);
    for (const pair of body.pairs.slice(0, 2)) {
      const expected = published.base_workloads.filter((w) => !(without[w]![pair.upper]! > without[w]![pair.lower]!));
      expect(pair.changedBy, `${pair.upper} > ${pair.lower}`).toEqual(expected);
      expect(pair.keptByWorkloads).toBeGreaterThanOrEqual(0);
      expect(pair.keptByStudies).toBeGreaterThanOrEqual(0);
    }
    const csv = (await get(`/api/v1/rounds/${V05}/robustness?resamples=100&format=csv`)).body as string;
    expect(csv.trim().split("\n")).toHaveLength(1 + 11 * 9);
  });
});
