// npm run bench:read-logs – the CPU the CLI spends reading a round's raw logs
// (issue 12): the AlgoPerf v0.5 external round as the runner writes it
// (tests/bench/algoperf-logs.ts: 3,700 trials, ~70 MB of CSV, hparams.json and
// meta_data_0.json beside every CSV), read as `cli upload` reads it
// (scanExperiment, then per trial readTrialFiles, parseEvalCsv of the whole
// series and the provenance: ingest/commands/upload.ts runsFromFolder) and as
// `cli score` reads it (readExperimentRound: pandas numbers, each trial up to
// its first hit, docs/log-reader.md R11).
// Baseline, same process and files: reading the bytes of every file the upload
// read opens (readFileSync, no parsing), i.e. the file system's share.
// Figures are CPU time (user + system, every thread of the process), not wall
// time, so that they hold on a busy machine; the first read of a fresh process
// is the CLI's case (it reads a round once), later reads are warm.
//
//   npm run bench:read-logs                         # generate the round, 5 processes
//   npm run bench:read-logs -- --dir /tmp/ul-logs/logs --processes 9
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { parseEvalCsv } from "@/ingest/algoperf/eval-csv";
import { readExperimentRound } from "@/ingest/algoperf/experiment-round";
import { provenanceFromMeta, provenanceRecord, readTrialFiles, scanExperiment, type TrialFolder } from "@/ingest/algoperf/experiment-dir";
import { publishedRound, writeRoundLogs } from "./algoperf-logs";
import { result, stats, type Stats } from "./harness";

const round = publishedRound("v0.5", "external");
const workloads = Object.entries(round.workload_specs).map(([key, s]) => ({ key, metricName: s.metric, target: s.target, direction: s.direction }));
const metricOf = new Map(workloads.map((w) => [w.key, w.metricName]));

/** CPU milliseconds (user + system, all threads) of fn. */
async function cpuMs(fn: () => unknown): Promise<number> {
  const c0 = process.cpuUsage();
  await fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

/** What `cli upload` does with a folder before sending: every trial's files, its whole series and provenance. */
async function uploadRead(root: string): Promise<{ trials: TrialFolder[]; evals: number }> {
  const scan = await scanExperiment(root, { trialOrder: "directory" });
  const trials = scan.submissions.flatMap((s) => s.trials);
  let evals = 0;
  for (const t of trials) {
    const files = readTrialFiles(t);
    const series = parseEvalCsv(files.csv, metricOf.get(t.workload)!);
    provenanceFromMeta(files.meta);
    provenanceRecord(files.meta, files.metaFile);
    evals += series.steps.length;
  }
  return { trials, evals };
}

/** What `cli score` reads: each trial up to its first hit, pandas numbers. */
function scoreRead(root: string) {
  return readExperimentRound([root], {
    workloads,
    baseWorkloads: round.base_workloads,
    heldOutWorkloads: round.held_out_workloads,
    trialOrder: "directory",
    numbers: "pandas",
  });
}

interface ChildReport {
  trials: number;
  evals: number;
  files: number;
  /** CPU ms of the first read of the process (the CLI's case). */
  uploadCold: number;
  uploadWarm: number[];
  scoreWarm: number[];
  baseline: number[];
}

async function child(root: string, runs: number): Promise<ChildReport> {
  let read: Awaited<ReturnType<typeof uploadRead>> | undefined;
  const uploadCold = await cpuMs(async () => (read = await uploadRead(root)));
  const files = read!.trials.flatMap((t) => ["eval_measurements.csv", "hparams.json", "meta_data_0.json"].map((f) => path.join(t.dir, f))).filter(existsSync);
  const report: ChildReport = { trials: read!.trials.length, evals: read!.evals, files: files.length, uploadCold, uploadWarm: [], scoreWarm: [], baseline: [] };
  // Alternating, so that a busy moment of the machine hits all three alike.
  for (let i = 0; i < runs; i++) {
    report.baseline.push(await cpuMs(() => files.forEach((f) => readFileSync(f))));
    report.uploadWarm.push(await cpuMs(() => uploadRead(root)));
    report.scoreWarm.push(await cpuMs(() => scoreRead(root)));
  }
  return report;
}

const argv = process.argv.slice(2);
if (argv[0] === "--child") {
  process.stdout.write(JSON.stringify(await child(argv[1]!, Number(argv[2]))));
  process.exit(0);
}

const options = new Command("bench:read-logs")
  .option("--dir <dir>", "read this round folder (e.g. one `bench:upload-logs -- --keep` wrote) instead of generating one")
  .option("--processes <n>", "fresh processes (each: one cold read, then warm reads)", (v) => Number(v), 5)
  .option("--runs <n>", "warm reads per process", (v) => Number(v), 3)
  .parse()
  .opts<{ dir?: string; processes: number; runs: number }>();

const root = options.dir ? path.resolve(options.dir) : mkdtempSync(path.join(os.tmpdir(), "algoperf-bench-read-"));
try {
  if (!options.dir) writeRoundLogs(round, root);
  const reports: ChildReport[] = [];
  for (let p = 0; p < options.processes; p++) {
    const c = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--child", root, String(options.runs)], { encoding: "utf8" });
    if (c.status !== 0) throw new Error(`measuring child failed (${c.status}):\n${c.stderr}`);
    reports.push(JSON.parse(c.stdout) as ChildReport);
  }
  const r0 = reports[0]!;
  const cold = stats(reports.map((r) => r.uploadCold));
  const warm = stats(reports.flatMap((r) => r.uploadWarm));
  const score = stats(reports.flatMap((r) => r.scoreWarm));
  const baseline = stats(reports.flatMap((r) => r.baseline));
  const line = (label: string, s: Stats) =>
    `${label.padEnd(44)} CPU median ${s.median.toFixed(0).padStart(5)} ms  min ${s.min.toFixed(0).padStart(5)} ms  ratio ${(s.median / baseline.median).toFixed(2).padStart(5)}x baseline`;
  console.log(
    `reading ${r0.trials.toLocaleString("en")} trials (${r0.evals.toLocaleString("en")} evaluations, ${r0.files.toLocaleString("en")} files) of ${root}; ${options.processes} processes, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  console.log(line("baseline: readFileSync of the same files", baseline));
  console.log(line("upload read, first in a fresh process", cold));
  console.log(line("upload read, warm", warm));
  console.log(line("score read (to the first hit, pandas), warm", score));
  const ratio = (s: Stats) => `${(s.median / baseline.median).toFixed(2)}x reading the files' bytes`;
  for (const [what, stats, when] of [
    ["cli upload's read", cold, "fresh process"],
    ["cli upload's read", warm, "warm"],
    ["cli score's read", score, "warm"],
  ] as const) {
    result({
      bench: "read-logs",
      name: `${what} of ${r0.trials} trials, CPU, ${when}`,
      target: null,
      measured: `${stats.median.toFixed(0)} ms`,
      ratio: ratio(stats),
      pass: null,
    });
  }
} finally {
  if (!options.dir) rmSync(root, { recursive: true, force: true });
}
