// The real `score` CLI (ingest/cli.ts) run as a child process.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { cli } from "../../support/cli";
import { loadRound } from "./published-data";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "score-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeInput(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

function run(command: string, args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: root, encoding: "utf8", timeout: 60_000 }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ status, stdout, stderr });
    });
  });
}

const runScore = (args: string[]) => run(...cli("score", ...args));

const timesInput = {
  workloads: ["w", "x"],
  submissions: {
    fast: { w: 10, x: 20 },
    "slow one": { w: 25, x: null },
    partial: { w: "nan", x: 40 },
  },
};

describe("score CLI", { timeout: 60_000 }, () => {
  test("times input: JSON with scores, ranking, tau, profiles, cells, settings and inf/nan strings", async () => {
    const r = await runScore([writeInput("times.json", timesInput)]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(expect.arrayContaining(["scores", "ranking", "tau", "profiles", "cells", "settings"]));
    expect(out.settings).toMatchObject({ tauMin: 1, tauMax: 4, points: 100, scale: "linear", integration: "trapezoid", reference: null });
    expect(out.settings.mode).toMatch(/^official trapezoid/);
    // slow one: ratio 2.5 on w; partial: ratio 2 on x.
    expect(out.ranking).toEqual(["fast", "partial", "slow one"]);
    expect(out.scores.fast).toBe(1);
    expect(out.tau).toHaveLength(100);
    expect(out.profiles["slow one"]).toHaveLength(100);
    expect(out.cells["slow one"].x).toEqual({ time: "inf", ratio: "inf", status: "not_reached" });
    expect(out.cells.partial.w).toEqual({ time: "nan", ratio: "nan", status: "no_data" });
    expect(out.cells.partial.x).toEqual({ time: 40, ratio: 2, status: "hit" });
  });

  test("options: --integration exact --tau-max 8 --points 8 --scale log --pool", async () => {
    const file = writeInput("times-options.json", timesInput);
    const r = await runScore([file, "--integration", "exact", "--tau-max", "8", "--points", "8", "--scale", "log", "--pool", "fast,partial"]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.settings).toMatchObject({ tauMax: 8, points: 8, scale: "log", integration: "exact" });
    expect(Object.keys(out.scores)).toEqual(["fast", "partial"]);
    // partial: ratio 2 on x only, log axis over [1, 8]: (log 8 - log 2) / log 8 / 2 = 1/3.
    expect(out.scores.partial).toBeCloseTo(1 / 3, 12);
  });

  test("--reference and --tau-max none", async () => {
    const r = await runScore([writeInput("times-ref.json", timesInput), "--reference", "partial", "--tau-max", "none"]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.settings.reference).toBe("partial");
    expect(out.cells.fast.x.ratio).toBe(0.5);
    // partial has NaN on w: raw times stay (§4.2), so fast's w ratio is 10.
    expect(out.cells.fast.w.ratio).toBe(10);
    // §4.4 then takes the largest "ratio": slow one's raw 25 s on w.
    expect(out.cells["slow one"].w.ratio).toBe(25);
    expect(out.settings.tauMax).toBe(25);
  });

  test("trials input: the v0.6 external round reproduces the official full-precision scores", async () => {
    const round = loadRound("v0.6", "external");
    const r = await runScore([writeInput("round.json", round)]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.scores).toEqual(round.official_code_scores_full_precision);
    expect(out.ranking).toEqual(["shampoo", "baseline"]);
    expect(out.workloads).toEqual(round.base_workloads);
  });

  test("a bad input names the JSON path of every problem", async () => {
    const bad = {
      workloads: ["w"],
      submissions: { "AdamW 33%": { w: -3 }, ok: { w: "fast" } },
    };
    const r = await runScore([writeInput("bad.json", bad)]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('at submissions["AdamW 33%"].w: expected a time >= 0');
    expect(r.stderr).toContain("at submissions.ok.w:");
  });

  test("a bad trials input names the path down to the trial field", async () => {
    const round = structuredClone(loadRound("v0.6", "external")) as unknown as {
      submissions: Record<string, Record<string, Record<string, { hit_index: unknown }[]>>>;
    };
    round.submissions.baseline!.wmt_jax!.study_1![2]!.hit_index = "seven";
    const r = await runScore([writeInput("bad-round.json", round)]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("at submissions.baseline.wmt_jax.study_1[2].hit_index:");
  });

  test("unreadable, non-JSON, unrecognised input and unknown pool members are clear errors", async () => {
    const [missing, broken, other, rounds, unknown] = await Promise.all([
      runScore([join(dir, "missing.json")]),
      runScore([writeInput("broken.json", "{ not json")]),
      runScore([writeInput("other.json", { foo: 1 })]),
      runScore([writeInput("rounds.json", { rounds: [] })]),
      runScore([writeInput("pool.json", timesInput), "--pool", "fast,nobody"]),
    ]);
    expect(missing.stderr).toMatch(/cannot read .*missing\.json/);
    // "{ not json": the unexpected word starts at line 1, column 3 (counted by hand), shown with a caret under it.
    expect(broken.stderr).toMatch(/broken\.json is not valid JSON: line 1, column 3: unexpected "not"/);
    expect(broken.stderr).toContain("{ not json\n  ^");
    expect(other.stderr).toMatch(/"workloads" \(times\) or "base_workloads"/);
    expect(rounds.stderr).toMatch(/several rounds/);
    for (const r of [missing, broken, other, rounds, unknown]) expect(r.status).toBe(1);
    expect(unknown.stderr).toMatch(/unknown submission\(s\) "nobody"/);
  });

  test("`npm run -s cli -- score` prints pure JSON", async () => {
    const r = await run("npm", ["run", "-s", "cli", "--", "score", writeInput("npm.json", timesInput)]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).ranking).toEqual(["fast", "partial", "slow one"]);
  });
});
