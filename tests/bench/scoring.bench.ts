// Benchmark of the scoring engine: `npm run bench:scoring` (not part of npm test).
// Each line: median wall time of scorePool after warm-up, and the ratio to a
// baseline measured in the same run on the same data: a plain loop taking the
// per-workload minimum over the pool (the least work any scoring must do:
// read every cell once and find the best, §3.4/§4.1).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { poolFromRound, scorePool } from "../../lib/scoring";
import type { PoolInput, RoundTrials } from "../../lib/scoring";
import { bootstrapPool, studyPoolFromRound } from "../../lib/scoring/analysis";
import { prng, result } from "./harness";

const WORKLOADS = ["criteo1tb", "fastmri", "imagenet_resnet", "imagenet_vit", "librispeech_conformer", "librispeech_deepspeech", "ogbg", "wmt"];
const TARGET_MS = 200;
const BOOTSTRAP_TARGET_MS = 2_000;

/** n submissions × 8 workloads: times around a per-workload scale, ~20% misses, ~2% no data. */
function randomPool(n: number, seed: number): PoolInput {
  const random = prng(seed);
  const scale = WORKLOADS.map(() => 1_000 + random() * 50_000);
  const submissions = Array.from({ length: n }, (_, s) => {
    const times: Record<string, number> = {};
    WORKLOADS.forEach((w, i) => {
      const u = random();
      times[w] = u < 0.02 ? NaN : u < 0.22 ? Infinity : scale[i]! * (1 + 4 * random() ** 2);
    });
    return { name: `submission_${s}`, times };
  });
  return { baseWorkloads: WORKLOADS, heldOutWorkloads: [], submissions };
}

function medianMs(f: () => unknown, runs: number, warmup: number): number {
  for (let i = 0; i < warmup; i++) f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  return times.length % 2 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2;
}

function perWorkloadMin(pool: PoolInput): number[] {
  return pool.baseWorkloads.map((w) => {
    let m = Infinity;
    for (const s of pool.submissions) {
      const t = s.times[w] ?? NaN;
      if (t < m) m = t;
    }
    return m;
  });
}

function line(label: string, ms: number, baselineMs: number): void {
  console.log(
    `${label.padEnd(44)} median ${ms.toFixed(2).padStart(8)} ms   baseline ${baselineMs.toFixed(3).padStart(7)} ms   ratio ${(ms / baselineMs).toFixed(0).padStart(5)}x`,
  );
}

console.log("scoring benchmark (official settings: 100-point linear grid, trapezoid)");
console.log("baseline = plain loop computing the per-workload minimum of the same table");
let tenThousandMs = Infinity;
let tenThousandBase = NaN;
for (const n of [10, 100, 1_000, 10_000]) {
  const pool = randomPool(n, n);
  const runs = n >= 10_000 ? 15 : 41;
  const ms = medianMs(() => scorePool(pool), runs, 5);
  const base = medianMs(() => perWorkloadMin(pool), runs, 5);
  line(`score ${n.toLocaleString("en")} submissions x 8 workloads`, ms, base);
  if (n === 10_000) [tenThousandMs, tenThousandBase] = [ms, base];
}
{
  const pool = randomPool(10_000, 10_000);
  const ms = medianMs(() => scorePool(pool, { integration: "exact" }), 15, 5);
  line(
    "score 10,000 x 8, exact integration",
    ms,
    medianMs(() => perWorkloadMin(pool), 15, 5),
  );
}

// The v0.5 external round from its trials (best trial, median, held-out rules).
const file = fileURLToPath(new URL("../../data/published/algoperf_leaderboards.json", import.meta.url));
const rounds = (JSON.parse(readFileSync(file, "utf8")) as { rounds: (RoundTrials & { benchmark_version: string; ruleset: string })[] }).rounds;
const v05 = rounds.find((r) => r.benchmark_version === "v0.5" && r.ruleset === "external")!;
const trialsBaseline = () => {
  // Same traversal without the rules: the smallest hit time per (submission, directory).
  let sum = 0;
  for (const dirs of Object.values(v05.submissions)) {
    for (const studies of Object.values(dirs)) {
      let m = Infinity;
      for (const trials of Object.values(studies)) for (const t of trials) if (t.hit_time !== null && t.hit_time < m) m = t.hit_time;
      sum += m;
    }
  }
  return sum;
};
console.log("baseline for the round = plain loop over all its trials taking the smallest hit time per workload");
line(
  "score v0.5 external round from its trials",
  medianMs(() => scorePool(poolFromRound(v05)), 41, 5),
  medianMs(trialsBaseline, 41, 5),
);

// Uncertainty view: a 1,000-resample bootstrap over the studies of the same round
// (resample every cell's studies, take the medians, rescore the pool each time).
const v05Studies = studyPoolFromRound(v05);
const v05Medians = poolFromRound(v05);
const bootstrapMs = medianMs(() => bootstrapPool(v05Studies, {}, { seed: 1, resamples: 1_000 }), 7, 2);
const rescoreMs = medianMs(
  () => {
    for (let b = 0; b < 1_000; b++) scorePool(v05Medians);
  },
  7,
  2,
);
console.log("baseline for the bootstrap = 1,000 scorings of the round's medians without resampling (the least a 1,000-resample bootstrap must do)");
line("bootstrap v0.5 external, 1,000 resamples", bootstrapMs, rescoreMs);

const pass = tenThousandMs < TARGET_MS;
const bootstrapPass = bootstrapMs < BOOTSTRAP_TARGET_MS;
console.log(`${pass ? "PASS" : "FAIL"}: 10,000 submissions scored in ${tenThousandMs.toFixed(1)} ms (target < ${TARGET_MS} ms)`);
console.log(
  `${bootstrapPass ? "PASS" : "FAIL"}: 1,000-resample bootstrap of v0.5 external in ${bootstrapMs.toFixed(0)} ms (target < ${BOOTSTRAP_TARGET_MS} ms)`,
);
result({
  bench: "scoring",
  name: "score 10,000 submissions x 8 workloads",
  target: `< ${TARGET_MS} ms`,
  measured: `${tenThousandMs.toFixed(1)} ms`,
  ratio: `${(tenThousandMs / tenThousandBase).toFixed(0)}x per-workload min loop`,
  pass,
});
result({
  bench: "scoring",
  name: "bootstrap v0.5 external, 1,000 resamples",
  target: `< ${BOOTSTRAP_TARGET_MS} ms`,
  measured: `${bootstrapMs.toFixed(0)} ms`,
  ratio: `${(bootstrapMs / rescoreMs).toFixed(1)}x 1,000 plain scorings`,
  pass: bootstrapPass,
});
process.exitCode = pass && bootstrapPass ? 0 : 1;
