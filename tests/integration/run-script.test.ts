// `npm test` (tests/run.ts) itself, on a fixture Vitest config: a failing step
// makes it exit non-zero and count the failure; the last line is
// "N passed, N failed"; a report left by an earlier run is never counted.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";

function runScript(fixture: "passing" | "failing" | "broken", artifacts: string) {
  const run = spawnSync(process.execPath, ["--import", "tsx", path.resolve("tests/run.ts"), "unit"], {
    env: { ...process.env, TEST_RUN_CONFIG: "tests/fixtures/run-script/vitest.config.ts", TEST_ARTIFACTS: artifacts, RUN_FIXTURE: fixture },
    encoding: "utf8",
    timeout: 120_000,
  });
  const lines = run.stdout.trimEnd().split("\n");
  return { status: run.status, output: run.stdout + run.stderr, last: lines.at(-1), summary: lines.at(-2) };
}

const tmp = () => mkdtempSync(path.join(os.tmpdir(), "algoperf-run-script-"));

test("a failing step makes tests/run.ts exit non-zero and count it failed", () => {
  const r = runScript("failing", tmp());
  expect(r.status, r.output).toBe(1);
  // The fixture: one failing test, one passing (the same file is included twice: counted once).
  expect(r.summary, r.output).toMatch(/^unit: 1 passed, 1 failed, exit 1 /);
  expect(r.last).toBe("1 passed, 1 failed");
});

test("a passing step exits 0 with no failure counted", () => {
  const r = runScript("passing", tmp());
  expect(r.status, r.output).toBe(0);
  expect(r.last).toBe("1 passed, 0 failed");
});

test("a report left by an earlier run is removed before the step runs", () => {
  const artifacts = tmp();
  // What an earlier, green run left behind.
  writeFileSync(path.join(artifacts, "vitest-unit.json"), JSON.stringify({ numPassedTests: 99, numFailedTests: 0 }));
  writeFileSync(path.join(artifacts, "vitest-integration.json"), JSON.stringify({ numPassedTests: 7, numFailedTests: 0 }));
  // This run's step crashes before it writes a report.
  const r = runScript("broken", artifacts);
  expect(r.status, r.output).toBe(1);
  expect(r.summary).toMatch(/^unit: FAILED, exit 1 /);
  expect(r.last).toBe("0 passed, 1 failed");
  expect(readdirSync(artifacts)).toEqual([]);
});
