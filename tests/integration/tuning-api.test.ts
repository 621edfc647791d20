// Tuning budget over real HTTP against the seeded database (docs/analysis-tuning.md):
// the stored trials give the published per-trial data's numbers, scored by the engine.
import { describe, expect, inject, test } from "vitest";
import { decodeNumber, poolFromRound, scorePool, type RoundTrials } from "@/lib/scoring";
import { tuningView, trialPoolFromRound } from "@/lib/scoring/analysis";
import { readPublished } from "../support/published";

const V05 = "algoperf-v0.5-external";
type Published = RoundTrials & { benchmark_version: string; ruleset: string; official_code_scores_full_precision: Record<string, number> };
const rounds = readPublished<{ rounds: Published[] }>("algoperf_leaderboards.json").rounds;
const published = rounds.find((r) => r.benchmark_version === "v0.5" && r.ruleset === "external")!;
const selfTuning = rounds.find((r) => r.benchmark_version === "v0.5" && r.ruleset === "self-tuning")!;
const num = (x: number | string) => decodeNumber(x);

async function get(pathAndQuery: string) {
  const res = await fetch(`${inject("baseUrl")}${pathAndQuery}`);
  const type = res.headers.get("content-type") ?? "";
  return { status: res.status, type, body: type.includes("json") ? await res.json() : await res.text() };
}

interface Series {
  key: string;
  budget: number;
  scores: (number | string)[];
}
interface Curve {
  workload: string;
  median: (number | string)[];
  expectedEvalIndex: (number | string | null)[];
}
interface Answer {
  key: string;
  smallestK: number | null;
  scores: (number | string)[];
  referenceScores: (number | string)[];
}

describe("GET /api/v1/rounds/<round>/tuning", () => {
  test("v0.5 external: score at k = 5 is the official score (1e-12); every k equals the engine on the published trials", async () => {
    const { status, body } = await get(`/api/v1/rounds/${V05}/tuning`);
    expect(status).toBe(200);
    expect(body.ks).toEqual([1, 2, 3, 4, 5]);
    expect(body.baseline).toBe("baseline");
    const expected = tuningView(trialPoolFromRound(published), {}, "baseline");
    const official = scorePool(poolFromRound(published)).scores;
    for (const s of body.series as Series[]) {
      expect(s.budget).toBe(5);
      expect(Math.abs(num(s.scores[4]!) - published.official_code_scores_full_precision[s.key]!)).toBeLessThanOrEqual(1e-12);
      expect(num(s.scores[4]!)).toBe(official[s.key]);
      const mine = expected.series.find((e) => e.name === s.key)!;
      s.scores.forEach((x, i) => expect(Math.abs(num(x) - mine.scores[i]!), `${s.key} k=${i + 1}`).toBeLessThanOrEqual(1e-12));
    }
    expect(body.answers).toHaveLength(body.series.length - 1);
    for (const a of body.answers as Answer[]) {
      const mine = expected.answers.find((e) => e.name === a.key)!;
      expect(a.smallestK, a.key).toBe(mine.smallestK);
    }
  });

  test("v0.5 external, every workload: the picked trial's expected time at k = 5 is the official workload time; its expected eval index never rises with k", async () => {
    const { status, body } = await get(`/api/v1/rounds/${V05}/tuning`);
    expect(status).toBe(200);
    const official = poolFromRound(published).submissions;
    let cells = 0;
    for (const s of body.series as (Series & { curves: Curve[] })[]) {
      const times = official.find((o) => o.name === s.key)!.times;
      expect(s.curves.map((c) => c.workload).sort()).toEqual(Object.keys(times).sort());
      for (const c of s.curves) {
        expect(num(c.median[4]!), `${s.key} ${c.workload}`).toBe(times[c.workload]);
        const index = c.expectedEvalIndex.map((x) => num(x!));
        for (let k = 1; k < index.length; k++) expect(index[k]!, `${s.key} ${c.workload} k=${k + 1}`).toBeLessThanOrEqual(index[k - 1]!);
        cells++;
      }
    }
    expect(cells).toBe(Object.values(published.submissions).reduce((n, dirs) => n + Object.keys(dirs).length, 0));
  });

  test("CSV: one row per member and k", async () => {
    const { status, type, body } = await get(`/api/v1/rounds/${V05}/tuning?format=csv`);
    expect(status).toBe(200);
    expect(type).toContain("text/csv");
    const lines = (body as string).trim().split("\n");
    expect(lines[0]).toBe("submission,k,score_all_at_k,baseline,baseline_at_k_score,submission_full_budget_score,baseline_smallest_k_above");
    expect(lines).toHaveLength(1 + 5 * Object.keys(published.submissions).length);
  });

  test("a baseline outside the pool is a 400 naming the parameter", async () => {
    const { status, body } = await get(`/api/v1/rounds/${V05}/tuning?baseline=nobody`);
    expect(status).toBe(400);
    expect(body.error.issues).toEqual([{ path: "baseline", message: "not a pool member" }]);
  });

  test("the page renders the chart, the table and the baseline answer of every member", async () => {
    const [page, api] = await Promise.all([get(`/analysis/${V05}/tuning`), get(`/api/v1/rounds/${V05}/tuning`)]);
    expect(page.status).toBe(200);
    const html = page.body as string;
    expect(html).toContain('data-view="tuning"');
    expect(html).toContain('data-chart="lines"');
    expect(html).toContain('data-table="tuning-answers"');
    expect(html).toContain('data-table="tuning-eval-index"');
    for (const a of api.body.answers as Answer[]) expect(html).toContain(`data-answer="${a.smallestK ?? "none"}"`);
  });

  test("across rounds: v0.5 self-tuning submissions (1 trial) against the v0.5 external baseline restricted to k trials", async () => {
    const SELF = "algoperf-v0.5-self-tuning";
    const others = ["schedule_free_adamw", "adamg", "nadamw_sequential"];
    const pool = ["baseline", ...others.map((s) => `${SELF}/${s}`)].join(",");
    const [{ status, body }, scores] = await Promise.all([get(`/api/v1/rounds/${V05}/tuning?pool=${pool}`), get(`/api/v1/rounds/${V05}/scores?pool=${pool}`)]);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.baseline).toBe("baseline");
    expect(body.ks).toEqual([1, 2, 3, 4, 5]);
    const budget = Object.fromEntries((body.series as Series[]).map((s) => [s.key, s.budget]));
    expect(budget).toEqual({ baseline: 5, ...Object.fromEntries(others.map((s) => [`${SELF}/${s}`, 1])) });
    // The same pool from the published per-trial data: the external baseline's 5 × 5 trials, each self-tuning submission's single trials.
    const ext = trialPoolFromRound(published);
    const self = trialPoolFromRound(selfTuning);
    const input = {
      ...ext,
      members: [ext.members.find((m) => m.name === "baseline")!, ...others.map((s) => ({ ...self.members.find((m) => m.name === s)!, name: `${SELF}/${s}` }))],
    };
    const expected = tuningView(input, {}, "baseline");
    expect((body.answers as Answer[]).map((a) => a.key).sort()).toEqual(others.map((s) => `${SELF}/${s}`).sort());
    for (const a of body.answers as Answer[]) {
      const mine = expected.answers.find((e) => e.name === a.key)!;
      expect(a.smallestK, a.key).toBe(mine.smallestK);
      // The answer is what the scores say: the first k where the baseline is strictly above, none before.
      const above = a.referenceScores.map((r, i) => num(r) > num(a.scores[i]!));
      expect(a.smallestK, a.key).toBe(above.includes(true) ? above.indexOf(true) + 1 : null);
      // At the baseline's full budget the pool is the scores endpoint's pool.
      expect(num(a.scores[4]!), a.key).toBe(scores.body.scores[a.key]);
      expect(num(a.referenceScores[4]!)).toBe(scores.body.scores.baseline);
    }
  });
});
