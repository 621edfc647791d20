// Cost to target and hyperparameter sensitivity over real HTTP (docs/analysis-tuning.md "Cost to target"):
// runs uploaded with their hardware to a throw-away round, GPU-hours computed by hand; and the seeded
// v0.5 external round, whose trials carry the hyperparameters and hardware of the published logs.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { poolFromRound, type RoundTrials } from "@/lib/scoring";
import { createRound, createToken, dropRound, unique, uploadRest, workload } from "../support/ingest";
import { readPublished } from "../support/published";

const ROUND = unique("test-cost");
const V05 = "algoperf-v0.5-external";
const published = readPublished<{ rounds: (RoundTrials & { benchmark_version: string; ruleset: string })[] }>("algoperf_leaderboards.json").rounds.find(
  (r) => r.benchmark_version === "v0.5" && r.ruleset === "external",
)!;
let token: string;

async function get(pathAndQuery: string) {
  const res = await fetch(`${inject("baseUrl")}${pathAndQuery}`);
  const type = res.headers.get("content-type") ?? "";
  return { status: res.status, type, body: type.includes("json") ? await res.json() : await res.text() };
}

const provenance = (gpuCount: number, gpuModel: string) => ({ gpuModel, gpuCount });

beforeAll(async () => {
  await createRound({
    slug: ROUND,
    ruleset: "external_tuning",
    studiesExpected: 1,
    trialsExpected: 2,
    workloads: [workload("w1", { metricName: "validation/loss", direction: "min", target: 0.5, budgetSeconds: 10000 })],
  });
  token = await createToken(unique("cost-owner"));
  const runs = [
    // alpha: trial 1 hits at 800 s; trial 2 misses and ran to its last eval at 1500 s; 8 GPUs.
    {
      submission: "alpha",
      workload: "w1",
      study: 0,
      trial: 1,
      provenance: provenance(8, "Tesla V100-SXM2-16GB"),
      hyperparameters: { learning_rate: 0.001, warmup_factor: 0.05 },
      evals: { metricName: "validation/loss", steps: [1, 2, 3], times: [400, 800, 1200], metrics: [0.9, 0.5, 0.4] },
    },
    {
      submission: "alpha",
      workload: "w1",
      study: 0,
      trial: 2,
      provenance: provenance(8, "Tesla V100-SXM2-16GB"),
      hyperparameters: { learning_rate: 0.1, warmup_factor: 0.05 },
      evals: { metricName: "validation/loss", steps: [1, 2, 3], times: [500, 1000, 1500], metrics: [0.9, 0.8, 0.7] },
    },
    // beta: one trial hitting at 3600 s on 1 GPU of another model.
    {
      submission: "beta",
      workload: "w1",
      study: 0,
      trial: 1,
      provenance: provenance(1, "A100"),
      evals: { metricName: "validation/loss", steps: [1, 2], times: [1800, 3600], metrics: [0.9, 0.5] },
    },
  ];
  const res = await uploadRest(
    {
      round: ROUND,
      submissions: [
        { slug: "alpha", displayName: "Alpha" },
        { slug: "beta", displayName: "Beta" },
      ],
      runs,
    },
    token,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
});

afterAll(async () => {
  await dropRound(ROUND);
});

describe("GET /api/v1/rounds/<round>/cost", () => {
  test("GPU-hours: a hit costs its time to target, a missed trial its last eval; ranked by total; mixed hardware flagged", async () => {
    const { status, body } = await get(`/api/v1/rounds/${ROUND}/cost?pool=alpha,beta&pricePerGpuHour=2`);
    expect(status, JSON.stringify(body)).toBe(200);
    const alpha = body.members.find((m: { key: string }) => m.key === "alpha");
    const beta = body.members.find((m: { key: string }) => m.key === "beta");
    expect(alpha.workloads[0].toTarget).toBeCloseTo((800 * 8) / 3600, 12);
    expect(alpha.workloads[0].perStudy[0]).toBeCloseTo(((800 + 1500) * 8) / 3600, 12);
    expect(alpha.total).toBeCloseTo(((800 + 1500) * 8) / 3600, 12);
    expect(alpha.price).toBeCloseTo((((800 + 1500) * 8) / 3600) * 2, 12);
    expect(alpha.hardware).toEqual(["8x Tesla V100-SXM2-16GB"]);
    expect(beta.total).toBe(1);
    expect(body.ranking).toEqual(["beta", "alpha"]);
    expect(body.mixedHardware).toBe(true);
    expect(body.unknownGpuCount).toEqual([]);
  });

  test("CSV, and a bad price is a 400 naming the parameter", async () => {
    const csv = await get(`/api/v1/rounds/${ROUND}/cost?pool=alpha,beta&format=csv`);
    expect(csv.status).toBe(200);
    expect((csv.body as string).split("\n")[0]).toBe("submission,workload,gpu_hours_to_target,gpu_hours_search,price,hardware");
    const bad = await get(`/api/v1/rounds/${ROUND}/cost?pricePerGpuHour=-1`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe("pricePerGpuHour");
  });

  test("the page ranks by cost at the price of the URL, shows the hardware and flags the mixed pool", async () => {
    const { status, body } = await get(`/analysis/${ROUND}/cost?pool=alpha,beta&pricePerGpuHour=2`);
    expect(status).toBe(200);
    const html = body as string;
    expect(html).toContain('data-view="cost"');
    expect(html).toContain("data-mixed-hardware");
    const ranking = html.slice(html.indexOf('data-table="cost-ranking"'), html.indexOf('data-table="cost-workloads"'));
    expect(ranking.indexOf('data-row="beta"')).toBeLessThan(ranking.indexOf('data-row="alpha"'));
    // beta: 1 GPU-hour at 2 per GPU-hour.
    expect(ranking).toMatch(/data-row="beta".*?data-field="price"[^>]*>2\.00</);
    expect(ranking).toContain("8x Tesla V100-SXM2-16GB");
    expect(ranking).toContain("1x A100");
    const submission = await get(`/rounds/${ROUND}/submissions/alpha`);
    for (const view of ["tuning", "hyperparameters", "cost"]) expect(submission.body).toContain(`data-analysis-link="${view}"`);
  });

  test("the tuning view shows each member's hardware beside its times and flags the mixed pool", async () => {
    const api = await get(`/api/v1/rounds/${ROUND}/tuning?pool=alpha,beta`);
    expect(api.status, JSON.stringify(api.body)).toBe(200);
    expect(api.body.hardware).toEqual({ alpha: ["8x Tesla V100-SXM2-16GB"], beta: ["1x A100"] });
    const page = await get(`/analysis/${ROUND}/tuning?pool=alpha,beta`);
    expect(page.body).toContain("data-mixed-hardware");
    expect(page.body).toMatch(/data-row="beta".*?data-field="hardware"[^>]*>1x A100</);
  });

  test("the seeded v0.5 external round: GPU-hours = time × 8 GPUs (meta_data_0.json), a missed trial its whole run, every member ranked", async () => {
    const { status, body } = await get(`/api/v1/rounds/${V05}/cost?pricePerGpuHour=2`);
    expect(status).toBe(200);
    expect(body.unknownGpuCount).toEqual([]);
    expect(body.mixedHardware).toBe(false);
    expect(body.ranking).toHaveLength(11);
    const official = poolFromRound(published).submissions;
    for (const m of body.members) {
      expect(m.hardware, m.key).toEqual(["8x Tesla V100-SXM2-16GB"]);
      expect(m.total, m.key).toBeGreaterThan(0);
      expect(m.price, m.key).toBeCloseTo(m.total * 2, 9);
      const times = official.find((o) => o.name === m.key)!.times;
      for (const w of m.workloads) {
        const time = times[w.workload]!;
        if (time === Infinity) expect(w.toTarget, `${m.key} ${w.workload}`).toBe("inf");
        else expect(w.toTarget, `${m.key} ${w.workload}`).toBeCloseTo((time * 8) / 3600, 9);
      }
    }
    // algoperf_v05/logs/external_tuning/baseline/study_0/ogbg_jax: trials 5 and 3 hit at these times (the `score` of their hit eval); trials 4, 1 and 2
    // missed and ran until the `score` of the last row of their eval_measurements.csv.
    const ogbg = body.members.find((m: { key: string }) => m.key === "baseline").workloads.find((w: { workload: string }) => w.workload === "ogbg");
    const seconds = 6496.625156402588 + 13937.537743330002 + 18260.280821561813 + 18265.4832341671 + 18260.329787254333;
    expect(ogbg.perStudy[0]).toBeCloseTo((seconds * 8) / 3600, 9);
    // The page: every member's row has its hardware and a GPU-hour total, none is "unknown".
    const page = await get(`/analysis/${V05}/cost?pricePerGpuHour=2`);
    const ranking = (page.body as string).slice((page.body as string).indexOf('data-table="cost-ranking"'));
    expect(page.body).not.toContain("data-unknown-gpu");
    for (const key of body.ranking) expect(ranking, key).toMatch(new RegExp(`data-row="${key}".*?8x Tesla V100-SXM2-16GB.*?data-field="total"[^>]*>\\d`));
  });
});

describe("GET /api/v1/rounds/<round>/hyperparameters", () => {
  test("time-to-target against each varying hyperparameter, misses as null; the spread; none stored is said", async () => {
    const { status, body } = await get(`/api/v1/rounds/${ROUND}/hyperparameters?submission=alpha`);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.available).toBe(true);
    const w1 = body.workloads[0];
    expect([w1.workload, w1.trials, w1.best, w1.worst]).toEqual(["w1", 2, 800, "inf"]);
    // np.median of {800, inf} = inf, so the spread is inf.
    expect(w1.spread).toBe("inf");
    expect(w1.axes).toEqual([
      {
        name: "learning_rate",
        log: true,
        points: [
          { study: 0, trial: 1, value: 0.001, time: 800 },
          { study: 0, trial: 2, value: 0.1, time: null },
        ],
      },
    ]);
    const beta = await get(`/api/v1/rounds/${ROUND}/hyperparameters?submission=beta`);
    expect(beta.body.available).toBe(false);
    expect(beta.body.message).toContain('no run of "beta" carries hyperparameters');
  });

  test("the round's submissions ranked by sensitivity (median ÷ best over trials), with the hardware", async () => {
    const { body } = await get(`/api/v1/rounds/${ROUND}/hyperparameters?submission=alpha`);
    // beta: one trial, median = best (1); alpha: median of {800, inf} = inf.
    expect(body.ranking.map((r: { submission: string; sensitivity: unknown }) => [r.submission, r.sensitivity])).toEqual([
      ["beta", 1],
      ["alpha", "inf"],
    ]);
    expect(body.hardware).toEqual(["8x Tesla V100-SXM2-16GB"]);
  });

  test("the page: a log-axis scatter per varying hyperparameter, the miss drawn above the hit, the ranking and the hardware", async () => {
    const { status, body } = await get(`/analysis/${ROUND}/hyperparameters?submission=alpha`);
    expect(status).toBe(200);
    const html = body as string;
    expect(html).toContain('data-view="hyperparameters"');
    expect(html).toMatch(/data-chart="hparam-scatter" data-axis="learning_rate" data-log="true"/);
    // warmup_factor is the same in both trials: no chart.
    expect(html).not.toContain('data-axis="warmup_factor"');
    const missY = Number(/data-point="miss" transform="translate\([\d.]+,([\d.]+)\)"/.exec(html)![1]);
    const hitY = Number(/data-point="hit" cx="[\d.]+" cy="([\d.]+)"/.exec(html)![1]);
    expect(missY).toBeLessThan(hitY);
    expect(html.indexOf('data-row="beta"')).toBeLessThan(html.indexOf('data-row="alpha"'));
    expect(html).toContain("8x Tesla V100-SXM2-16GB");
  });

  test("CSV: one row per trial and varying hyperparameter, a miss as inf", async () => {
    const { status, type, body } = await get(`/api/v1/rounds/${ROUND}/hyperparameters?submission=alpha&format=csv`);
    expect(status).toBe(200);
    expect(type).toContain("text/csv");
    expect((body as string).trim().split("\n")).toEqual([
      "submission,workload,hyperparameter,log_axis,value,study,trial,time_to_target,workload_best,workload_median,workload_worst,workload_spread,hardware",
      "alpha,w1,learning_rate,true,0.001,0,1,800,800,inf,inf,inf,8x Tesla V100-SXM2-16GB",
      "alpha,w1,learning_rate,true,0.1,0,2,inf,800,inf,inf,inf,8x Tesla V100-SXM2-16GB",
    ]);
  });

  test("the seeded v0.5 external round: every hyperparameter that varies across the baseline's trials, with the values of their hparams.json", async () => {
    const { status, body } = await get(`/api/v1/rounds/${V05}/hyperparameters?submission=baseline`);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.available).toBe(true);
    expect(body.hardware).toEqual(["8x Tesla V100-SXM2-16GB"]);
    const ogbg = body.workloads.find((w: { workload: string }) => w.workload === "ogbg");
    expect(ogbg.trials).toBe(25);
    // The baseline's 5 search points differ in every one of its 7 hyperparameters.
    expect(ogbg.axes.map((a: { name: string }) => a.name).sort()).toEqual([
      "beta2",
      "dropout_rate",
      "label_smoothing",
      "learning_rate",
      "one_minus_beta1",
      "warmup_factor",
      "weight_decay",
    ]);
    const point = (axis: string, trial: number) =>
      ogbg.axes.find((a: { name: string }) => a.name === axis).points.find((p: { study: number; trial: number }) => p.study === 0 && p.trial === trial);
    // algoperf_v05/logs/external_tuning/baseline/study_0/ogbg_jax/trial_{5,4,2}/hparams.json; trial 5 hit at 6496.6 s, trials 4 and 2 missed.
    expect(point("learning_rate", 5)).toEqual({ study: 0, trial: 5, value: 0.0017486387539278373, time: 6496.625156402588 });
    expect(point("learning_rate", 4)).toEqual({ study: 0, trial: 4, value: 0.004958460849689891, time: null });
    expect(point("label_smoothing", 2)).toEqual({ study: 0, trial: 2, value: 0.2, time: null });
    expect(ogbg.axes.find((a: { name: string }) => a.name === "learning_rate").log).toBe(false);
    // The page: one workload's scatters at a time (a chart per varying hyperparameter), links to the others.
    const page = (await get(`/analysis/${V05}/hyperparameters?submission=baseline&workload=ogbg`)).body as string;
    expect(page).toContain('data-workload="ogbg"');
    expect(page.match(/data-chart="hparam-scatter"/g)).toHaveLength(7);
    expect(page).toMatch(/data-chart="hparam-scatter" data-axis="learning_rate"/);
    expect(page).toContain(`href="/analysis/${V05}/hyperparameters?submission=baseline&amp;workload=wmt"`);
  });

  test("a missing or unknown submission is a 400 naming the parameter", async () => {
    expect((await get(`/api/v1/rounds/${ROUND}/hyperparameters`)).body.error.issues[0].path).toBe("submission");
    const unknown = await get(`/api/v1/rounds/${ROUND}/hyperparameters?submission=nobody`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.issues[0].path).toBe("submission");
  });
});
