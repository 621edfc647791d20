import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "vitest";

function runFixture(which: "failing" | "passing") {
  return spawnSync(path.resolve("node_modules/.bin/vitest"), ["run", "--config", "tests/fixtures/exit-code/vitest.config.ts"], {
    env: { ...process.env, EXIT_CODE_FIXTURE: which, DATABASE_URL: "" },
    encoding: "utf8",
    timeout: 120_000,
  });
}

test("a failing test makes vitest exit non-zero even with embedded PostgreSQL running", () => {
  const run = runFixture("failing");
  expect(run.status, run.stdout + run.stderr).not.toBe(0);
  expect(run.stdout).toMatch(/1 failed/);
});

test("the same suite with a passing test exits 0", () => {
  const run = runFixture("passing");
  expect(run.status, run.stdout + run.stderr).toBe(0);
});
