// npm run bench:upload-logs – the path a runner or an organiser takes with raw
// AlgoPerf logs (issue 12), against the official scorer on the same folders:
//   1. the AlgoPerf v0.5 external round written as the runner writes it, with
//      the published quirks (tests/bench/algoperf-logs.ts, quirks: framework
//      folders without trials, trials without a CSV, negative SSIM, NaN cells,
//      meta_data/hparams beside every CSV);
//   2. `cli upload <root>` in ONE call into a running production server
//      (next start on a fresh embedded database), then the round's scores
//      read from the API;
//   3. `cli score <root>` (no server);
//   4. the official scorer, score_submissions.py, on the same folder, when a
//      Python with pandas and the official scoring code are there
//      (--official-scoring <dir> or ALGOPERF_SCORING_DIR: the folder holding
//      scoring/; /usr/bin/python3, then python3); "skipped: …" otherwise.
// Targets: upload + scores >= 10x faster than the official scorer, cli score
// >= 20x; scores equal to the official code's; peak RSS of the CLI printed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Command } from "commander";
import { startStack } from "../support/stack";
import { publishedRound, writeRoundLogs } from "./algoperf-logs";
import { result, verdict } from "./harness";

const ROUND = "algoperf-v0.5-external";
// The CLI exactly as `npm run cli` runs it (package.json): node on the compiled CLI (scripts/cli.mjs).
const CLI: readonly [string, readonly string[]] = [process.execPath, [path.resolve("scripts", "cli.mjs")]];
const UPLOAD_TARGET = 10;
const SCORE_TARGET = 20;

const options = new Command("bench:upload-logs")
  .option("--official-scoring <dir>", "folder that holds the official scoring/ package (default: $ALGOPERF_SCORING_DIR)")
  .option("--keep <dir>", "write the logs under this folder and keep them")
  .parse()
  .opts<{ officialScoring?: string; keep?: string }>();

interface Timed {
  ms: number;
  stdout: string;
  stderr: string;
  peakRssMb: number | null;
  /** User + system CPU seconds of the process (GNU time), or null. */
  cpuS: number | null;
}

/** A child process, timed from spawn to exit; peak RSS from GNU time when it is there. */
function timed(command: string, args: string[], env: Record<string, string> = {}): Timed {
  const gnuTime = existsSync("/usr/bin/time");
  const rssFile = path.join(os.tmpdir(), `bench-rss-${process.pid}`);
  const [cmd, argv] = gnuTime ? ["/usr/bin/time", ["-f", "%M %U %S", "-o", rssFile, command, ...args]] : [command, args];
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, { encoding: "utf8", env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${command} ${args.slice(0, 4).join(" ")} … exited with ${r.status}:\n${r.stderr.slice(-4000)}`);
  const [rss, user, sys] = gnuTime ? readFileSync(rssFile, "utf8").trim().split("\n").at(-1)!.split(" ").map(Number) : [];
  return { ms, stdout: r.stdout, stderr: r.stderr, peakRssMb: rss === undefined ? null : rss / 1024, cpuS: user === undefined ? null : user + sys! };
}

/**
 * CPU seconds of the whole machine (all cores) from /proc/stat: busy (all but
 * idle and iowait) and in all; null off Linux. Around the upload it counts the
 * CLI, the web processes and PostgreSQL together (and anything else running),
 * which tells a CPU-bound upload from one that waits.
 */
function machineCpu(): { busy: number; total: number } | null {
  let line: string | undefined;
  try {
    line = readFileSync("/proc/stat", "utf8").split("\n")[0];
  } catch {
    return null;
  }
  // cpu user nice system idle iowait irq softirq steal (guest time is counted in user already)
  const f = line!.trim().split(/\s+/).slice(1, 9).map(Number);
  if (f.length < 8 || f.some((x) => !Number.isFinite(x))) return null;
  const hz = 100; // USER_HZ: 100 on every Linux architecture Node runs on
  const total = f.reduce((a, b) => a + b, 0) / hz;
  return { busy: total - (f[3]! + f[4]!) / hz, total };
}

/** The official scorer's command, or why it cannot run here. */
function officialScorer(): { python: string; dir: string } | { skipped: string } {
  const dir = options.officialScoring ?? process.env.ALGOPERF_SCORING_DIR;
  if (!dir)
    return {
      skipped: "no official scoring code: pass --official-scoring <dir> or set ALGOPERF_SCORING_DIR (the folder that holds scoring/score_submissions.py)",
    };
  if (!existsSync(path.join(dir, "scoring", "score_submissions.py"))) return { skipped: `${dir} has no scoring/score_submissions.py` };
  for (const python of ["/usr/bin/python3", "python3"]) {
    const probe = spawnSync(python, ["-c", "import pandas, absl, tabulate, matplotlib"], { encoding: "utf8" });
    if (probe.status === 0) return { python, dir };
  }
  return { skipped: "no Python with pandas, absl, tabulate and matplotlib (tried /usr/bin/python3, python3)" };
}

// numpy < 2 has trapz but not trapezoid, which the current score_submissions.py calls; the alias changes nothing else.
const SHIM = `import sys, runpy, numpy
if not hasattr(numpy, 'trapezoid'): numpy.trapezoid = numpy.trapz
sys.path.insert(0, sys.argv.pop(1))
runpy.run_module('scoring.score_submissions', run_name='__main__', alter_sys=True)
`;

function readScoresCsv(file: string): Record<string, number> {
  const [, ...rows] = readFileSync(file, "utf8").trim().split("\n");
  return Object.fromEntries(rows.map((r) => r.split(",")).map(([s, v]) => [s!, Number(v)]));
}

const round = publishedRound("v0.5", "external");
const root = options.keep ? path.resolve(options.keep) : mkdtempSync(path.join(os.tmpdir(), "algoperf-bench-upload-logs-"));
const work = mkdtempSync(path.join(os.tmpdir(), "algoperf-bench-upload-logs-out-"));
console.log(
  `upload + score raw AlgoPerf logs (v0.5 external layout with the published quirks; machine: ${os.cpus()[0]?.model}, ${os.cpus().length} cores, load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")})`,
);
let pass = true;
let stack: Awaited<ReturnType<typeof startStack>> | undefined;
try {
  const t0 = performance.now();
  const logs = writeRoundLogs(round, path.join(root, "logs"), { quirks: true });
  console.log(
    `${logs.trials.toLocaleString("en")} trials, ${(logs.bytes / 1e6).toFixed(1)} MB of CSV, written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  // scripts/cli.mjs compiles the CLI on its first call after a source change (an install step, ~0.2 s): done
  // here, so that neither timed call below pays for it.
  spawnSync(CLI[0], [...CLI[1], "--help"], { encoding: "utf8" });

  // The official scorer on the same folder.
  const official = officialScorer();
  let officialMs: number | null = null;
  let officialCpu: number | null = null;
  let officialScores: Record<string, number> | null = null;
  if ("skipped" in official) console.log(`official scorer: skipped: ${official.skipped}`);
  else {
    const shim = path.join(work, "run_official.py");
    writeFileSync(shim, SHIM);
    const out = path.join(work, "official");
    const targets = path.join(official.dir, "scoring", "workload_targets_v05.json");
    const r = timed(official.python, [
      shim,
      official.dir,
      "--submission_directory",
      logs.root,
      "--workload_targets",
      targets,
      "--compute_performance_profiles",
      "--output_dir",
      out,
    ]);
    officialMs = r.ms;
    officialCpu = r.cpuS;
    officialScores = readScoresCsv(path.join(out, "scores.csv"));
    console.log(
      `official scorer (${official.python} scoring/score_submissions.py --workload_targets workload_targets_v05.json): ${(r.ms / 1000).toFixed(2)} s (CPU ${r.cpuS?.toFixed(2) ?? "?"} s), peak RSS ${r.peakRssMb?.toFixed(0) ?? "?"} MB`,
    );
  }

  // cli score on the folders (no server).
  const score = timed(CLI[0], [...CLI[1], "score", logs.root, "--round", ROUND, "--json"]);
  const cliScores = (JSON.parse(score.stdout) as { scores: Record<string, number> }).scores;
  console.log(`cli score: ${(score.ms / 1000).toFixed(2)} s (CPU ${score.cpuS?.toFixed(2) ?? "?"} s), peak RSS ${score.peakRssMb?.toFixed(0) ?? "?"} MB`);

  // A production server on a fresh embedded database, with `npm start`'s default of one web process
  // per core (docs/deployment.md; the test stack runs one); an admin token (the published submissions are replaced by the logs' runs).
  stack = await startStack((l) => console.log(`  [stack] ${l}`), undefined, { WEB_CONCURRENCY: String(os.availableParallelism()) });
  const token = timed(CLI[0], [...CLI[1], "token", "create", `bench-${process.pid}`, "--scope", "admin"], { DATABASE_URL: stack.databaseUrl })
    .stdout.trim()
    .split("\n")
    .at(-1)!;
  // "A running server": the routes the CLI uses have answered once (Next loads a route's code on its first request).
  const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  // Best effort: an empty upload is refused (400), which is all the warm-up needs.
  const warm = (url: string, init?: RequestInit) =>
    fetch(url, init)
      .then((r) => r.text())
      .catch(() => undefined);
  // Every web process: concurrent requests open several connections, which the cluster hands out in turn.
  await Promise.all(
    Array.from({ length: 2 * os.availableParallelism() }, async () => {
      await warm(`${stack!.baseUrl}/api/v1/rounds/${ROUND}/scores`);
      await warm(`${stack!.baseUrl}/api/trpc/ingest.round?input=${encodeURIComponent(JSON.stringify({ round: ROUND }))}`, { headers: auth });
      await warm(`${stack!.baseUrl}/api/trpc/ingest.upload`, { method: "POST", headers: auth, body: JSON.stringify({ round: ROUND, runs: [] }) });
    }),
  );
  const cpuBefore = machineCpu();
  const upload = timed(CLI[0], [...CLI[1], "upload", logs.root, "--url", stack.baseUrl, "--token", token, "--round", ROUND, "--replace"]);
  const cpuAfter = machineCpu();
  const t1 = performance.now();
  // spawnSync blocked this process while the server closed its idle keep-alive sockets; a reused dead one fails once.
  const scoresUrl = `${stack.baseUrl}/api/v1/rounds/${ROUND}/scores`;
  const res = await fetch(scoresUrl).catch(() => fetch(scoresUrl));
  const serverScores = ((await res.json()) as { scores: Record<string, number> }).scores;
  const scoresMs = performance.now() - t1;
  const uploadMs = upload.ms + scoresMs;
  console.log(upload.stdout.split("\n")[0]);
  console.log(
    `cli upload (one call) + GET scores: ${(uploadMs / 1000).toFixed(2)} s (the upload ${(upload.ms / 1000).toFixed(2)} s, the scores ${(scoresMs / 1000).toFixed(2)} s; CLI CPU ${upload.cpuS?.toFixed(2) ?? "?"} s), CLI peak RSS ${upload.peakRssMb?.toFixed(0) ?? "?"} MB`,
  );
  if (cpuBefore && cpuAfter) {
    const busy = cpuAfter.busy - cpuBefore.busy;
    const all = cpuAfter.total - cpuBefore.total;
    console.log(
      `  the machine during the upload: ${busy.toFixed(2)} core-s of CPU busy (CLI, web processes and PostgreSQL together) of ${all.toFixed(2)} (${os.cpus().length} cores × ${(upload.ms / 1000).toFixed(2)} s): ${((100 * busy) / all).toFixed(0)}%; all that work on ${os.cpus().length} idle cores takes at least ${(busy / os.cpus().length).toFixed(2)} s`,
    );
  }

  // Scores: the official code's (this run's, or the published full-precision ones the generator reproduces).
  const reference = officialScores ?? round.official_code_scores_full_precision;
  const mismatches = Object.entries(reference).flatMap(([s, v]) => [
    ...(Math.abs(serverScores[s]! - v) <= 1e-12 ? [] : [`server ${s}: ${serverScores[s]} != ${v}`]),
    ...(cliScores[s] === v ? [] : [`cli score ${s}: ${cliScores[s]} != ${v}`]),
  ]);
  console.log(
    verdict(
      "scores equal the official code's",
      mismatches.length === 0,
      mismatches.length
        ? mismatches.join("; ")
        : `${Object.keys(reference).length} submissions${officialScores ? " (this run's official scorer)" : " (published full precision)"}`,
    ),
  );
  pass &&= mismatches.length === 0;

  if (officialMs !== null) {
    const uploadRatio = officialMs / uploadMs;
    const scoreRatio = officialMs / score.ms;
    console.log(
      verdict(
        `upload + scores >= ${UPLOAD_TARGET}x faster than the official scorer`,
        uploadRatio >= UPLOAD_TARGET,
        `${uploadRatio.toFixed(1)}x (${(uploadMs / 1000).toFixed(2)} s vs ${(officialMs / 1000).toFixed(2)} s)`,
      ),
    );
    if (officialCpu !== null && score.cpuS !== null)
      console.log(
        `  CPU time: official scorer ${officialCpu.toFixed(2)} s, cli score ${score.cpuS.toFixed(2)} s (${(officialCpu / score.cpuS).toFixed(1)}x); load average now ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`,
      );
    console.log(
      verdict(
        `cli score >= ${SCORE_TARGET}x faster than the official scorer`,
        scoreRatio >= SCORE_TARGET,
        `${scoreRatio.toFixed(1)}x (${(score.ms / 1000).toFixed(2)} s vs ${(officialMs / 1000).toFixed(2)} s)`,
      ),
    );
    result({
      bench: "upload-logs",
      name: "cli upload (one call) + scores, v0.5 external raw logs",
      target: `>= ${UPLOAD_TARGET}x official`,
      measured: `${(uploadMs / 1000).toFixed(2)} s, peak RSS ${upload.peakRssMb?.toFixed(0) ?? "?"} MB`,
      ratio: `${uploadRatio.toFixed(1)}x official (${(officialMs / 1000).toFixed(2)} s)`,
      pass: uploadRatio >= UPLOAD_TARGET && mismatches.length === 0,
    });
    result({
      bench: "upload-logs",
      name: "cli score on the folders",
      target: `>= ${SCORE_TARGET}x official`,
      measured: `${(score.ms / 1000).toFixed(2)} s, peak RSS ${score.peakRssMb?.toFixed(0) ?? "?"} MB`,
      ratio: `${scoreRatio.toFixed(1)}x official`,
      pass: scoreRatio >= SCORE_TARGET && mismatches.length === 0,
    });
    pass &&= uploadRatio >= UPLOAD_TARGET && scoreRatio >= SCORE_TARGET;
  } else {
    result({
      bench: "upload-logs",
      name: "cli upload (one call) + scores, v0.5 external raw logs",
      target: `>= ${UPLOAD_TARGET}x official`,
      measured: `${(uploadMs / 1000).toFixed(2)} s`,
      ratio: "official scorer skipped",
      pass: null,
    });
  }
} finally {
  await stack?.stop();
  rmSync(work, { recursive: true, force: true });
  if (!options.keep) rmSync(root, { recursive: true, force: true });
}
process.exitCode = pass ? 0 : 1;
