// Benchmark of the pages: `npm run bench:pages` (not part of npm test).
// Starts the same stack as the tests (production build, fresh PostgreSQL with
// the published data), then prints
// - the first-load JavaScript of the leaderboard pages (gzip bytes), and
// - the server render time of the leaderboard for the AlgoPerf v0.5 external
//   round and for the paper's round, as a median over sequential requests,
//   with the ratio to GET /api/health measured in the same run (one database
//   round trip: the least any request does). "cached" reuses the scores of
//   the pool (keyed by the data version); "rescored" changes tauMax on every
//   request so the pool is scored again.
import { performance } from "node:perf_hooks";
import { firstLoadJs } from "../support/first-load-js";
import { startStack } from "../support/stack";
import { result } from "./harness";

const RUNS = 25;
const JS_BUDGET_KB = 250;
const WARMUP = 5;

async function timeOnce(url: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  return performance.now() - t0;
}

async function medianMs(url: (i: number) => string): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await timeOnce(url(i));
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await timeOnce(url(WARMUP + i)));
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  return times.length % 2 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2;
}

const stack = await startStack((l) => console.log(`[stack] ${l}`));
try {
  const base = stack.baseUrl;
  console.log("\nfirst-load JavaScript (gzip; noModule polyfills excluded; budget 250 KB)");
  for (const path of ["/", "/rounds/algoperf-v0.5-external", "/rounds/paper-2505.24005", "/rounds/paper-2505.24005/profiles"]) {
    const js = await firstLoadJs(base, path);
    const kb = js.totalGzip / 1000;
    result({
      bench: "pages",
      name: `first-load JS of ${path}`,
      target: `<= ${JS_BUDGET_KB} KB gzip`,
      measured: `${kb.toFixed(1)} KB gzip`,
      ratio: null,
      pass: kb <= JS_BUDGET_KB,
    });
    console.log(
      `${path.padEnd(36)} ${(js.totalGzip / 1000).toFixed(1).padStart(7)} KB gzip  ${(js.totalBytes / 1000).toFixed(1).padStart(7)} KB raw  ${js.scripts.length} scripts  (+ ${(js.inlineGzip / 1000).toFixed(1)} KB inline payload)`,
    );
  }

  const health = await medianMs(() => `${base}/api/health`);
  console.log(`\nserver render time, median of ${RUNS} sequential requests after ${WARMUP} warm-up`);
  console.log(`${"GET /api/health (baseline)".padEnd(58)} ${health.toFixed(1).padStart(7)} ms`);
  const line = (label: string, ms: number) => {
    console.log(`${label.padEnd(58)} ${ms.toFixed(1).padStart(7)} ms   ratio ${(ms / health).toFixed(1).padStart(6)}x`);
    result({
      bench: "pages",
      name: `${label}, sequential median`,
      target: null,
      measured: `${ms.toFixed(1)} ms`,
      ratio: `${(ms / health).toFixed(1)}x /api/health`,
      pass: null,
    });
  };
  for (const round of ["algoperf-v0.5-external", "paper-2505.24005"]) {
    line(`GET /rounds/${round} (cached)`, await medianMs(() => `${base}/rounds/${round}`));
    // A distinct tauMax per request: a new cache key, so the pool is scored again.
    line(`GET /rounds/${round} (rescored)`, await medianMs((i) => `${base}/rounds/${round}?tauMax=${(4 + (i + 1) * 1e-6).toFixed(6)}`));
  }
} finally {
  await stack.stop();
}
