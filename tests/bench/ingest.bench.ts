// npm run bench:ingest – upload throughput through the real HTTP endpoints
// (the production server, scripts/server.ts, on a fresh seeded database): runs per
// second for batches of 1,000 and 10,000 runs with timeToTarget (the main
// case), and batches with eval series (~80 evals per run, as the CLI sends an
// AlgoPerf folder). Every batch creates new submissions in
// algoperf-v0.6-self-tuning (its runs: 8 workloads × 5 studies × 5 trials per
// submission), so each request does the full work: validation, derivation,
// hashing, the writes, the derived WorkloadResult rows, dataVersion, audit.
// Baseline, same run and database: the same rows (same derived values, hash,
// upload id) written by one multi-row INSERT per 4,000 rows through `pg`, in
// one transaction: what the database itself needs to store them.
// Targets (issue "Performance at scale" 3): >= 20,000 runs/s, and >= 30% of
// the raw insert rate. Also measured, without a target: one-run uploads (a
// runner sends each trial as it ends) from 8 runners at once into one round,
// against one runner: the writes of a round queue on its lock.
//
//   npm run bench:ingest                              # fresh seeded database
//   npm run bench:ingest -- --database-runs 1000000   # into a database of 1M runs
import { bytesOf } from "@/lib/ingest/packed-evals";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { Command } from "commander";
import pg from "pg";
import { deriveRun } from "@/lib/ingest/derive-run";
import type { UploadInput } from "@/lib/ingest/upload-schema";
import { uploadSchema } from "@/lib/ingest/upload-schema";
import { createToken } from "@/lib/server/services/tokens";
import { ensureBuild, startApp } from "../support/stack";
import { benchDatabase, prng, result, stats, verdict, type Stats } from "./harness";
import { addSyntheticRuns } from "./synthetic";

const ROUND = "algoperf-v0.6-self-tuning";
const STUDIES = 5;
const TRIALS = 5;
const TARGET_RATE = 20_000;
const TARGET_SHARE = 0.3;

const options = new Command("bench:ingest")
  .option("--repeats <n>", "requests per batch size", (v) => Number(v), 5)
  .option("--evals <n>", "evaluations per run in the eval-series batches", (v) => Number(v), 80)
  .option("--database-runs <n>", "synthetic runs added to the database first (tests/bench/synthetic.ts): uploads into a big database", (v) => Number(v), 0)
  .parse()
  .opts<{ repeats: number; evals: number; databaseRuns: number }>();

interface WorkloadRow {
  id: number;
  key: string;
  metricName: string;
  direction: "min" | "max";
  target: number;
  budgetSeconds: number | null;
  budgetSteps: number | null;
}

let batchNo = 0;
/** A batch of `n` runs of new submissions (`prefix`-<k>); with evals, each run carries its eval series. */
function makeBatch(n: number, workloads: WorkloadRow[], withEvals: number | null): UploadInput {
  const random = prng(++batchNo);
  const perSubmission = workloads.length * STUDIES * TRIALS;
  const slugs = Array.from({ length: Math.ceil(n / perSubmission) }, (_, k) => `bench-${process.pid}-${batchNo}-${k}`);
  const runs: UploadInput["runs"] = [];
  for (let i = 0; i < n; i++) {
    const sub = slugs[Math.floor(i / perSubmission)]!;
    const j = i % perSubmission;
    const w = workloads[j % workloads.length]!;
    const study = Math.floor(j / workloads.length) % STUDIES;
    const trial = 1 + Math.floor(j / (workloads.length * STUDIES));
    const budget = w.budgetSeconds ?? 10_000;
    const base = { submission: sub, workload: w.key, study, trial, position: trial - 1, clientRunId: `study_${study}/${w.key}_jax/trial_${trial}` };
    if (withEvals) {
      const hitAt = random() < 0.7 ? Math.floor(random() * withEvals) : -1;
      const steps: number[] = [];
      const times: number[] = [];
      const metrics: (number | null)[] = [];
      for (let e = 0; e < withEvals; e++) {
        steps.push((e + 1) * 100);
        times.push((budget * 1.2 * (e + 1 + random() * 0.5)) / withEvals);
        const good = hitAt >= 0 && e >= hitAt;
        const m =
          w.direction === "min" ? w.target * (good ? 1 - 0.01 * random() : 1.01 + random()) : w.target * (good ? 1 + 0.01 * random() : 0.98 - 0.5 * random());
        metrics.push(e === 0 && random() < 0.05 ? null : m);
      }
      runs.push({ ...base, evals: { metricName: w.metricName, steps, times, metrics } });
    } else {
      const reached = random() < 0.7;
      const f = 0.05 + 0.9 * random();
      runs.push({ ...base, timeToTarget: reached ? { reached, seconds: budget * f, firstHitIndex: Math.floor(f * 80) } : { reached } });
    }
  }
  return { round: ROUND, submissions: slugs.map((slug) => ({ slug, displayName: `Bench ${slug}`, family: "bench" })), runs };
}

/** Runners at once in the runners' scenario, and how long each measure lasts. */
const RUNNERS = 8;
const RUNNER_SECONDS = 8;

/**
 * One-run uploads, as runners send each trial when it ends, into one round:
 * `clients` at once for RUNNER_SECONDS, each into a submission of its own.
 * The writes of one round queue on its lock (docs/history.md), so this shows
 * how long an upload holds it: with one runner nothing queues.
 */
async function runners(clients: number, workloads: WorkloadRow[], token: string): Promise<{ rate: number; p50: number; p95: number }> {
  const times: number[] = [];
  const end = performance.now() + RUNNER_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const slug = `bench-${process.pid}-runner-${clients}-${c}`;
      for (let k = 0; performance.now() < end; k++) {
        const w = workloads[k % workloads.length]!;
        const run = {
          submission: slug,
          workload: w.key,
          study: Math.floor(k / workloads.length) % STUDIES,
          trial: 1 + Math.floor(k / (workloads.length * STUDIES)),
          timeToTarget: { reached: true, seconds: (w.budgetSeconds ?? 10_000) * 0.5, firstHitIndex: 10 },
        };
        const t0 = performance.now();
        const res = await fetch(`${app.baseUrl}/api/trpc/ingest.upload`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ round: ROUND, submissions: [{ slug }], runs: [run] }),
        });
        const text = await res.text();
        if (!res.ok) throw new Error(`runner ${c}: HTTP ${res.status}: ${text.slice(0, 500)}`);
        times.push(performance.now() - t0);
      }
    }),
  );
  const s = stats(times);
  return { rate: times.length / RUNNER_SECONDS, p50: s.median, p95: s.p95 };
}

async function runnerScenario(workloads: WorkloadRow[], token: string) {
  console.log(`\none-run uploads into one round, each runner its own submission, ${RUNNER_SECONDS} s each (the baseline: one runner)`);
  const show = (label: string, r: { rate: number; p50: number; p95: number }, extra = "") =>
    console.log(
      `${label.padEnd(48)} ${r.rate.toFixed(0).padStart(6)} uploads/s   p50 ${r.p50.toFixed(0).padStart(5)} ms   p95 ${r.p95.toFixed(0).padStart(5)} ms${extra}`,
    );
  const one = await runners(1, workloads, token);
  show("1 runner (baseline)", one);
  const many = await runners(RUNNERS, workloads, token);
  show(`${RUNNERS} runners at once`, many, `   ${(many.rate / one.rate).toFixed(2)}x the baseline's rate`);
  return { one, many };
}

const line = (label: string, s: Stats, n: number, extra = "") =>
  `${label.padEnd(48)} median ${s.median.toFixed(0).padStart(6)} ms  ${((n / s.median) * 1000).toFixed(0).padStart(7)} runs/s   p95 ${s.p95.toFixed(0).padStart(6)} ms${extra}`;

console.log(
  `ingest throughput (machine: ${os.cpus()[0]?.model}, ${os.cpus().length} cores, load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")})`,
);
const [bench] = await Promise.all([benchDatabase(), ensureBuild((l) => console.log(l))]);
if (options.databaseRuns > 0) {
  const t0 = performance.now();
  await addSyntheticRuns(bench.db, { runs: options.databaseRuns });
  console.log(`database filled with ${options.databaseRuns.toLocaleString("en")} synthetic runs in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}
const dbSize = `database: ${(await bench.db.run.count()).toLocaleString("en")} runs`;
console.log(dbSize);
// Like every app of the tests and benches, with write rate limits that the runners' scenario does not reach (tests/support/stack.ts).
const app = await startApp(bench.url);
const client = new pg.Client({ connectionString: bench.url });
await client.connect();
let pass = true;
try {
  const { token } = await createToken(bench.db, { name: `bench-ingest-${process.pid}`, scope: "upload" });
  const round = await bench.db.round.findUniqueOrThrow({
    where: { slug: ROUND },
    include: { workloads: { where: { role: "base" }, orderBy: { position: "asc" } } },
  });
  const workloads = round.workloads as WorkloadRow[];
  const tokenRow = await bench.db.apiToken.findFirstOrThrow({ where: { name: `bench-ingest-${process.pid}` } });

  const post = async (path: string, body: string, n: number) => {
    const t0 = performance.now();
    const res = await fetch(`${app.baseUrl}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body,
    });
    const json = (await res.json()) as { result?: { data: { counts: { created: number } } }; counts?: { created: number }; error?: unknown };
    const ms = performance.now() - t0;
    const created = (json.result?.data ?? json).counts?.created;
    if (!res.ok || created !== n) throw new Error(`POST ${path}: HTTP ${res.status}, created ${created} of ${n}: ${JSON.stringify(json).slice(0, 2000)}`);
    return ms;
  };

  /** The same rows as the service would write, by multi-row INSERT (<= 4,000 rows per statement), in one transaction. */
  const rawInsert = async (batch: UploadInput) => {
    const parsed = uploadSchema.parse(batch);
    const subIds = new Map<string, number>();
    for (const s of parsed.submissions ?? []) {
      const r = await client.query<{ id: number }>(
        `INSERT INTO "Submission" ("roundId", slug, "displayName", family, source, "uploadedById", "updatedAt") VALUES ($1, $2, $3, $4, 'uploaded', $5, now()) RETURNING id`,
        [round.id, `raw-${s.slug}`, s.displayName, s.family, tokenRow.id],
      );
      subIds.set(s.slug, r.rows[0]!.id);
    }
    const upload = await client.query<{ id: number }>(
      `INSERT INTO "Upload" ("tokenId", "tokenName", "roundId", "payloadHash", outcome, status, "runsTotal") VALUES ($1, $2, $3, 'raw', 'accepted', 200, $4) RETURNING id`,
      [tokenRow.id, tokenRow.name, round.id, parsed.runs.length],
    );
    const wIds = new Map(workloads.map((w) => [w.key, w]));
    const warnings: { path: string; message: string }[] = [];
    const rows = parsed.runs.map((r, i) => {
      const w = wIds.get(r.workload)!;
      const d = deriveRun(r, round, w, `runs.${i}`, warnings);
      if ("issues" in d) throw new Error(JSON.stringify(d.issues));
      return { r, d: d.run, w };
    });
    const cols = `"roundId","submissionId","workloadId",study,trial,position,reached,"timeSeconds","timeFraction",steps,"firstHitIndex","bestMetric","overBudget","clientRunId","contentHash","uploadId","updatedAt"`;
    const t0 = performance.now();
    await client.query("BEGIN");
    const CHUNK = 3_800; // 17 parameters per row, at most 65,535 per statement
    for (let c = 0; c < rows.length; c += CHUNK) {
      const part = rows.slice(c, c + CHUNK);
      const params: unknown[] = [];
      const values = part.map(({ r, d, w }) => {
        const p = params.length;
        params.push(
          round.id,
          subIds.get(r.submission),
          w.id,
          r.study,
          r.trial,
          d.position,
          d.reached,
          d.timeSeconds,
          d.timeFraction,
          d.steps,
          d.firstHitIndex,
          d.bestMetric,
          d.overBudget,
          r.clientRunId,
          d.contentHash,
          upload.rows[0]!.id,
        );
        return `(${Array.from({ length: 16 }, (_, k) => `$${p + k + 1}`).join(",")},now())`;
      });
      const inserted = await client.query<{ id: number }>(`INSERT INTO "Run" (${cols}) VALUES ${values.join(",")} RETURNING id`, params);
      const evals = part.flatMap(({ d }, k) =>
        d.evals ? [[inserted.rows[k]!.id, bytesOf(d.evals.steps), bytesOf(d.evals.times), bytesOf(d.evals.metrics)]] : [],
      );
      for (let e = 0; e < evals.length; e += 10_000) {
        const chunk = evals.slice(e, e + 10_000);
        await client.query(
          `INSERT INTO "RunEvals" ("runId", steps, times, metrics) VALUES ${chunk.map((_, k) => `($${4 * k + 1},$${4 * k + 2},$${4 * k + 3},$${4 * k + 4})`).join(",")}`,
          chunk.flat(),
        );
      }
    }
    await client.query("COMMIT");
    return performance.now() - t0;
  };

  const scenario = async (label: string, n: number, evals: number | null, repeats: number, paths: string[]) => {
    const raw: number[] = [];
    for (let i = 0; i < repeats; i++) raw.push(await rawInsert(makeBatch(n, workloads, evals)));
    const rawStats = stats(raw);
    console.log(`\n${label}`);
    console.log(line(`raw multi-row INSERT through pg (baseline)`, rawStats, n));
    const results: Record<string, Stats> = {};
    for (const path of paths) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < repeats; i++) {
        const body = JSON.stringify(makeBatch(n, workloads, evals));
        bytes = body.length;
        times.push(await post(path, body, n));
      }
      const s = stats(times);
      results[path] = s;
      console.log(line(`POST ${path}`, s, n, `   ${(bytes / 1024 / 1024).toFixed(1)} MiB body   ${((rawStats.median / s.median) * 100).toFixed(0)}% of raw`));
    }
    return { rawStats, results };
  };

  const trpc = "/api/trpc/ingest.upload";
  const rest = "/api/v1/runs";
  // Warm up the server (JIT, connection pool, first compilation of the route).
  for (let i = 0; i < 3; i++) await post(trpc, JSON.stringify(makeBatch(1_000, workloads, null)), 1_000);

  const one = await scenario("1,000 runs with timeToTarget per request", 1_000, null, options.repeats, [trpc, rest]);
  const big = await scenario("10,000 runs with timeToTarget per request", 10_000, null, options.repeats, [trpc, rest]);
  await scenario(`1,000 runs with eval series (${options.evals} evals each) per request`, 1_000, options.evals, Math.min(options.repeats, 3), [trpc]);
  await scenario(`5,000 runs with eval series (${options.evals} evals each) per request`, 5_000, options.evals, Math.min(options.repeats, 2), [trpc]);

  const runners = await runnerScenario(workloads, token);

  const s = big.results[trpc]!;
  const rate = (10_000 / s.median) * 1000;
  const share = big.rawStats.median / s.median;
  console.log("");
  console.log(verdict(`10,000-run batches at >= ${TARGET_RATE.toLocaleString("en")} runs/s`, rate >= TARGET_RATE, `${rate.toFixed(0)} runs/s`));
  console.log(
    verdict(
      `>= ${TARGET_SHARE * 100}% of the raw insert rate`,
      share >= TARGET_SHARE,
      `${(share * 100).toFixed(0)}% (raw ${((10_000 / big.rawStats.median) * 1000).toFixed(0)} runs/s)`,
    ),
  );
  pass = rate >= TARGET_RATE && share >= TARGET_SHARE;
  const rawRate = (10_000 / big.rawStats.median) * 1000;
  result({
    bench: "ingest",
    name: `10,000-run batches through POST /api/trpc/ingest.upload (${dbSize})`,
    target: `>= ${TARGET_RATE.toLocaleString("en")} runs/s`,
    measured: `${rate.toFixed(0)} runs/s`,
    ratio: `${(share * 100).toFixed(0)}% of raw INSERT (${rawRate.toFixed(0)} runs/s)`,
    pass: rate >= TARGET_RATE,
  });
  result({
    bench: "ingest",
    name: `10,000-run batches vs raw multi-row INSERT (${dbSize})`,
    target: `>= ${TARGET_SHARE * 100}% of raw`,
    measured: `${(share * 100).toFixed(0)}%`,
    ratio: `${(share * 100).toFixed(0)}% of raw INSERT`,
    pass: share >= TARGET_SHARE,
  });
  result({
    bench: "ingest",
    name: `one-run uploads from ${RUNNERS} runners at once into one round (${dbSize})`,
    target: null,
    measured: `${runners.many.rate.toFixed(0)} uploads/s, p95 ${runners.many.p95.toFixed(0)} ms`,
    ratio: `${(runners.many.rate / runners.one.rate).toFixed(2)}x one runner's rate (${runners.one.rate.toFixed(0)} uploads/s)`,
    pass: null,
  });
  const small = one.results[trpc]!;
  result({
    bench: "ingest",
    name: `1,000-run batches through POST /api/trpc/ingest.upload (${dbSize})`,
    target: null,
    measured: `${((1_000 / small.median) * 1000).toFixed(0)} runs/s`,
    ratio: `${((one.rawStats.median / small.median) * 100).toFixed(0)}% of raw INSERT`,
    pass: null,
  });
} finally {
  await client.end();
  await app.stop();
  await bench.close();
}
process.exitCode = pass ? 0 : 1;
