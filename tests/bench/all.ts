// npm run bench: every bench in sequence with its default sizes (scoring,
// rescore, import, upload-logs, ingest, pages, load, availability, history, read-logs), each in its own process, its output
// passed through; then one summary table of the `RESULT {json}` lines they
// print (tests/bench/harness.ts `result`), as Markdown, ready for the README.
//
//   npm run bench                          # all of them (~10 min here, most of it bench:load)
//   npm run bench -- --only rescore,load   # some of them
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import type { BenchResult } from "./harness";

const BENCHES = ["scoring", "rescore", "import", "upload-logs", "ingest", "pages", "load", "availability", "history", "read-logs"];

const options = new Command("bench")
  .option("--only <list>", `benches to run, comma-separated (${BENCHES.join(", ")})`, (v) => v.split(","), BENCHES)
  .parse()
  .opts<{ only: string[] }>();

const unknown = options.only.filter((b) => !BENCHES.includes(b));
if (unknown.length) {
  console.error(`unknown bench ${unknown.join(", ")}; valid: ${BENCHES.join(", ")}`);
  process.exit(2);
}

/** Runs one bench, echoing its output; resolves with its RESULT records and exit code. */
function runBench(name: string): Promise<{ results: BenchResult[]; code: number | null; seconds: number }> {
  const file = fileURLToPath(new URL(`./${name}.bench.ts`, import.meta.url));
  const t0 = performance.now();
  const child = spawn(process.execPath, [...process.execArgv, file], { stdio: ["ignore", "pipe", "inherit"] });
  const results: BenchResult[] = [];
  let pending = "";
  child.stdout.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    pending += chunk.toString();
    const lines = pending.split("\n");
    pending = lines.pop()!;
    for (const line of lines) if (line.startsWith("RESULT ")) results.push(JSON.parse(line.slice("RESULT ".length)) as BenchResult);
  });
  return new Promise((resolve) => child.once("exit", (code) => resolve({ results, code, seconds: (performance.now() - t0) / 1000 })));
}

const cpu = /model name\s*:\s*(.*)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? os.cpus()[0]?.model ?? "unknown CPU";
const machine = `${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
const all: BenchResult[] = [];
const runs: string[] = [];
for (const name of options.only) {
  console.log(`\n=== bench:${name} ${"=".repeat(60)}`);
  const { results, code, seconds } = await runBench(name);
  all.push(...results);
  runs.push(`bench:${name}: exit ${code}, ${seconds.toFixed(0)} s, ${results.length} results`);
  if (results.length === 0) all.push({ bench: name, name: "(printed no RESULT line)", target: null, measured: `exit ${code}`, ratio: null, pass: false });
}

const cell = (v: string | null) => (v ?? "–").replace(/\|/g, "\\|");
console.log(`\n=== summary ${"=".repeat(60)}`);
console.log(
  `machine: ${machine}; load average at the end ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
for (const r of runs) console.log(r);
console.log("");
console.log("| bench | figure | target | measured | ratio to same-run baseline | verdict |");
console.log("| --- | --- | --- | --- | --- | --- |");
for (const r of all)
  console.log(
    `| ${r.bench} | ${cell(r.name)} | ${cell(r.target)} | ${cell(r.measured)} | ${cell(r.ratio)} | ${r.pass === null ? "–" : r.pass ? "PASS" : "FAIL"} |`,
  );
const failed = all.filter((r) => r.pass === false);
console.log(`\n${failed.length === 0 ? "every target met" : `${failed.length} target(s) missed: ${failed.map((f) => `${f.bench}: ${f.name}`).join("; ")}`}`);
process.exitCode = failed.length ? 1 : 0;
