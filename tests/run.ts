// npm test: typecheck, lint and format check (side by side), unit, integration (real PostgreSQL + HTTP), e2e
// (built app + Chromium), in that order. Every step runs even after a failure;
// the exit code is non-zero if any failed, and the last line is a summary CI
// can read ("N passed, N failed").
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

interface Step {
  name: string;
  command: string[];
  /** Vitest JSON report written by the step, for test counts. */
  report?: string;
  /** Why the step cannot run on this machine (said in one line instead of its raw errors), or null. */
  missing?: () => string | null;
  /** Runs at the same time as the neighbouring parallel steps, its output printed when it ends. */
  parallel?: boolean;
}

// TEST_ARTIFACTS and TEST_RUN_CONFIG let tests/integration/run-script.test.ts run this
// script on a fixture Vitest config with reports in a folder of its own.
const artifacts = path.resolve(process.env.TEST_ARTIFACTS ?? "tests/artifacts");
mkdirSync(artifacts, { recursive: true });
// Reports of an earlier run must never be counted as this run's (a step that crashes
// before writing its report would otherwise report the old numbers).
for (const f of readdirSync(artifacts)) if (/^vitest-.*\.json$/.test(f)) rmSync(path.join(artifacts, f), { force: true });
const bin = (name: string) => path.resolve("node_modules/.bin", name);
const config = process.env.TEST_RUN_CONFIG ? ["--config", process.env.TEST_RUN_CONFIG] : [];
const vitest = (project: string): Step => {
  const report = path.join(artifacts, `vitest-${project}.json`);
  return {
    name: project,
    command: [bin("vitest"), "run", ...config, "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
    report,
  };
};

const only = process.argv.slice(2);
const steps: Step[] = [
  // tsc, eslint and prettier are each mostly single-threaded: side by side they take about
  // the time of the slowest on a 2-core CI machine (about 40 s less than one after the other).
  { name: "typecheck", command: [bin("tsc"), "--noEmit", "-p", "."], parallel: true },
  { name: "lint", command: [bin("eslint"), "--max-warnings=0", "."], parallel: true },
  // One formatting everywhere (.prettierrc.json); `npm run format` fixes what this finds.
  { name: "format", command: [bin("prettier"), "--check", "."], parallel: true },
  vitest("unit"),
  vitest("integration"),
  {
    ...vitest("e2e"),
    missing: () => {
      const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
      return existsSync(chromium)
        ? null
        : `the end-to-end tests drive Chromium at ${chromium}, which is not installed: apt-get install chromium (or set CHROMIUM_PATH)`;
    },
  },
].filter((s) => only.length === 0 || only.includes(s.name));

function run(step: Step, buffered = false): Promise<number> {
  return new Promise((resolve) => {
    const [cmd, ...args] = step.command as [string, ...string[]];
    const child = spawn(cmd, args, { stdio: buffered ? ["ignore", "pipe", "pipe"] : "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    const output: Buffer[] = [];
    child.stdout?.on("data", (b: Buffer) => output.push(b));
    child.stderr?.on("data", (b: Buffer) => output.push(b));
    child.on("close", (code, signal) => {
      if (buffered) console.log(`\n=== ${step.name} ===\n${Buffer.concat(output).toString("utf8").trimEnd()}`);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

let passed = 0;
let failed = 0;
const lines: string[] = [];

async function runStep(step: Step, buffered: boolean): Promise<void> {
  const started = Date.now();
  if (!buffered) console.log(`\n=== ${step.name} ===`);
  const missing = step.missing?.() ?? null;
  if (missing) {
    console.log(`${step.name} not run: ${missing}`);
    failed += 1;
    lines.push(`${step.name}: FAILED, not run: ${missing}`);
    return;
  }
  const code = await run(step, buffered);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (step.report && existsSync(step.report)) {
    const r = JSON.parse(readFileSync(step.report, "utf8")) as { numPassedTests: number; numFailedTests: number };
    passed += r.numPassedTests;
    failed += r.numFailedTests + (code !== 0 && r.numFailedTests === 0 ? 1 : 0);
    lines.push(`${step.name}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, exit ${code} (${seconds} s)`);
  } else {
    if (code === 0) passed += 1;
    else failed += 1;
    lines.push(`${step.name}: ${code === 0 ? "ok" : "FAILED"}, exit ${code} (${seconds} s)`);
  }
}

for (let i = 0; i < steps.length;) {
  const group = [steps[i]!];
  while (group[0]!.parallel && steps[i + group.length]?.parallel) group.push(steps[i + group.length]!);
  if (group.length > 1) console.log(`\n=== ${group.map((s) => s.name).join(" + ")} (side by side) ===`);
  await Promise.all(group.map((step) => runStep(step, group.length > 1)));
  i += group.length;
}
console.log(`\n${lines.join("\n")}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
