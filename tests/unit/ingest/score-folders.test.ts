// `npm run cli -- score <folders...>` (ingest/commands/score-folders.ts), the
// real CLI as a child process, on the committed fixtures. The published
// folders themselves are checked by tests/integration/real-logs.test.ts when
// ALGOPERF_LOGS_DIR is set.
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { cli } from "../../support/cli";

const dir = mkdtempSync(path.join(tmpdir(), "score-folders-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const [command, base] = cli("score", ...args);
  return new Promise((resolve) => {
    execFile(command, base, { encoding: "utf8", timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/**
 * A targets file in scoring/config.py's format (workload_targets*.json) in the
 * test's folder: `base` are its base workloads, `workloads` every entry, as
 * [target_metric_name, validation_target_value] (step hints are not read).
 */
function targetsFile(name: string, version: string, base: string[], workloads: Record<string, [string, number]>): string {
  const file = path.join(dir, name);
  const entries = Object.entries(workloads).map(([key, [metric, value]]) => [key, { target_metric_name: metric, validation_target_value: value }]);
  writeFileSync(file, JSON.stringify({ benchmark_version: version, base_workloads: base, held_out_workloads: [], workloads: Object.fromEntries(entries) }));
  return file;
}

describe("cli score on experiment folders", () => {
  test("a reader that closes the pipe (`| head`) ends the command quietly, not with an EPIPE stack trace", async () => {
    const [command, base] = cli("score", "tests/fixtures/algoperf_v06_selftuning_logs", "--round", "algoperf-v0.6-self-tuning", "--self-tuning");
    const child = spawn(command, base, { stdio: ["ignore", "pipe", "pipe"] });
    // The read end closed before the first write: that write fails with EPIPE.
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).not.toContain("EPIPE");
    expect(code, stderr).toBe(0);
  });

  test("the real v0.6 self-tuning logs score 0.7499999999999997, the official code's score (docs/scoring.md §5.3)", async () => {
    const r = await run(["tests/fixtures/algoperf_v06_selftuning_logs", "--round", "algoperf-v0.6-self-tuning", "--self-tuning", "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.scores).toEqual({ schedule_free_adamw_v2: 0.7499999999999997 });
    expect(out.trials).toBe(24);
    expect(out.skipped).toEqual([]);
  });

  test("the quirks folder with an official workload_targets file: warnings, and the official output files", async () => {
    // ogbg and fastmri targets of docs/scoring.md §6.
    const targets = targetsFile("workload_targets.json", "test", ["fastmri", "ogbg"], {
      fastmri: ["ssim", 0.723653],
      ogbg: ["mean_average_precision", 0.28098],
      librispeech_conformer_layernorm: ["wer", 0.09731],
      librispeech_deepspeech: ["wer", 0.119936],
    });
    const out = path.join(dir, "out");
    const r = await run(["tests/fixtures/algoperf_quirks", "--targets", targets, "--output-dir", out, "--trial-order", "name"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("Scored 5 submission(s) from 6 trials");
    // Progress is for a terminal: a log (stderr is a pipe here) gets no "\rread N trials" run together on one line.
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("Warning: skipped 3 folder(s) that the official scorer also skips or merges (docs/log-reader.md):");
    expect(r.stdout).toMatch(/quirks_baseline\/study_1\/fastmri_pytorch: no trial_<j> folder with eval_measurements.csv \(R4\)/);
    expect(r.stdout).toMatch(/trial_2: no eval_measurements.csv \(R6\)/);
    expect(r.stdout).toMatch(/quirks_synthetic-2024-09-01-10-00-00: merged into quirks_synthetic \(R3\)/);
    const ttt = readFileSync(path.join(out, "time_to_targets.csv"), "utf8").trim().split("\n");
    // Empty held-out list: every column present is kept (docs/scoring.md §3.2), sorted; a missing workload is an empty field (NaN, §2.7).
    expect(ttt[0]).toBe("submission,fastmri,librispeech_conformer_layernorm,librispeech_deepspeech,ogbg");
    // quirks_synthetic: the merged sibling's trial_2 reaches 0.3 >= 0.28098 at 80 s (R3, R8).
    expect(ttt).toContain("quirks_synthetic,,,,80.0");
    const scores = readFileSync(path.join(out, "scores.csv"), "utf8").trim().split("\n");
    expect(scores[0]).toBe("submission,score");
    expect(scores).toHaveLength(6);
    const profile = readFileSync(path.join(out, "performance_profile_score.csv"), "utf8").trim().split("\n");
    // The official grid, np.linspace(1, 4, 100) (docs/scoring.md §4.3), as the header.
    expect(profile[0]!.split(",").slice(0, 3)).toEqual(["submission", "1.0", "1.0303030303030303"]);
    expect(profile[0]!.split(",").at(-1)).toBe("4.0");
  });

  test("the official script's flags work as they are: the same files as this command's own flags", async () => {
    // The v0.6 targets of docs/scoring.md §6 for the fixture's 8 workloads.
    const v06: Record<string, [string, number]> = {
      criteo1tb: ["loss", 0.123735],
      fastmri: ["ssim", 0.723653],
      imagenet_resnet: ["accuracy", 0.77431],
      imagenet_vit: ["accuracy", 0.77309],
      librispeech_conformer: ["wer", 0.085884],
      librispeech_deepspeech: ["wer", 0.119936],
      ogbg: ["mean_average_precision", 0.28098],
      wmt: ["bleu", 30.8491],
    };
    const targets = targetsFile("v06_selftuning_targets.json", "0.6", Object.keys(v06), v06);
    const ours = path.join(dir, "ours");
    const official = path.join(dir, "official-flags");
    const a = await run(["tests/fixtures/algoperf_v06_selftuning_logs", "--targets", targets, "--self-tuning", "--output-dir", ours]);
    expect(a.status, a.stderr).toBe(0);
    const b = await run([
      "--submission_directory",
      "tests/fixtures/algoperf_v06_selftuning_logs",
      `--workload_targets=${targets}`,
      "--compute_performance_profiles",
      "--self_tuning_ruleset",
      "--output_dir",
      official,
    ]);
    expect(b.status, b.stderr).toBe(0);
    for (const f of ["scores.csv", "time_to_targets.csv", "performance_profile_score.csv"])
      expect(readFileSync(path.join(official, f), "utf8"), f).toBe(readFileSync(path.join(ours, f), "utf8"));
    // What this command does not do is said as such, not as an unknown option.
    const strict = await run(["--submission_directory", "tests/fixtures/algoperf_v06_selftuning_logs", "--workload_targets", targets, "--strict"]);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain("--strict (score_submissions.py) is not supported here");
  });

  test("without targets, the command says what to pass", async () => {
    const r = await run(["tests/fixtures/algoperf_quirks"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("--round <slug> (e.g. algoperf-v0.5-external) or --targets <workload_targets*.json>");
  });
});
