// Reading AlgoPerf experiment folders (ingest/algoperf/experiment-dir.ts).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { listFolders, provenanceFromMeta, provenanceRecord, readTrialFiles, scanExperiment } from "@/ingest/algoperf/experiment-dir";

const FIXTURE = path.resolve("tests/fixtures/algoperf_v06_selftuning_logs");

function tree(files: string[]): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "algoperf-scan-"));
  for (const f of files) {
    if (f.endsWith("/")) mkdirSync(path.join(root, f), { recursive: true });
    else {
      mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
      writeFileSync(path.join(root, f), "global_step,score,validation/loss\n0,1,0.5\n");
    }
  }
  return root;
}

describe("scanExperiment", () => {
  test("the real logs: a folder of submission folders, 24 trials of schedule_free_adamw_v2", async () => {
    const scan = await scanExperiment(FIXTURE, { trialOrder: "directory" });
    expect(scan.skipped).toEqual([]);
    expect(scan.submissions.map((s) => [s.slug, s.trials.length])).toEqual([["schedule_free_adamw_v2", 24]]);
    const t = scan.submissions[0]!.trials.find((x) => x.workload === "librispeech_conformer" && x.study === 2)!;
    expect(t).toMatchObject({
      workloadDir: "librispeech_conformer_pytorch",
      framework: "pytorch",
      trial: 1,
      position: 0,
      relative: "study_2/librispeech_conformer_pytorch/trial_1",
    });
  });

  test("a single submission folder takes --submission as its slug", async () => {
    const scan = await scanExperiment(path.join(FIXTURE, "schedule_free_adamw_v2"), { submission: "renamed", trialOrder: "directory" });
    expect(scan.submissions.map((s) => s.slug)).toEqual(["renamed"]);
    expect(new Set(scan.submissions[0]!.trials.map((t) => t.submission))).toEqual(new Set(["renamed"]));
  });

  test("directory order is what Python's os.listdir returns; name order sorts numbers as numbers", async () => {
    const root = tree(Array.from({ length: 15 }, (_, i) => `sub/study_0/wmt_jax/trial_${i + 1}/eval_measurements.csv`));
    const dir = path.join(root, "sub", "study_0", "wmt_jax");
    const listdir = JSON.parse(execFileSync("python3", ["-c", "import json, os, sys; print(json.dumps(os.listdir(sys.argv[1])))", dir], { encoding: "utf8" }));
    expect(await listFolders(dir, "directory")).toEqual(listdir);
    expect(await listFolders(dir, "name")).toEqual(Array.from({ length: 15 }, (_, i) => `trial_${i + 1}`));
    const scan = await scanExperiment(path.join(root, "sub"), { trialOrder: "directory" });
    expect(scan.submissions[0]!.trials.map((t) => `trial_${t.trial}`)).toEqual(listdir);
    expect(scan.submissions[0]!.trials.map((t) => t.position)).toEqual(listdir.map((_: string, i: number) => i));
  });

  test("name order keeps directory order between names it ranks equal (trial_1, trial_01), as sorting the listing did", async () => {
    const root = tree(["w/trial_2/", "w/trial_01/", "w/trial_1/", "w/trial_10/", "w/trial_001/"]);
    const dir = path.join(root, "w");
    const listdir: string[] = JSON.parse(
      execFileSync("python3", ["-c", "import json, os, sys; print(json.dumps(os.listdir(sys.argv[1])))", dir], { encoding: "utf8" }),
    );
    const ones = listdir.filter((n) => /^trial_0*1$/.test(n));
    expect(await listFolders(dir, "name")).toEqual([...ones, "trial_2", "trial_10"]);
  });

  test("trial folders without eval_measurements.csv and stray folders are skipped with a reason", async () => {
    const root = tree(["s/study_0/ogbg_jax/trial_1/eval_measurements.csv", "s/study_0/ogbg_jax/trial_2/", "s/study_0/ogbg_jax/logs/", "s/study_x/"]);
    const scan = await scanExperiment(path.join(root, "s"), { trialOrder: "directory" });
    expect(scan.submissions[0]!.trials.map((t) => t.trial)).toEqual([1]);
    expect(scan.skipped.map((s) => path.relative(root, s.split(":")[0]!) + ":" + s.split(":")[1])).toEqual(
      expect.arrayContaining([
        "s/study_0/ogbg_jax/trial_2: no eval_measurements.csv (R6)",
        "s/study_0/ogbg_jax/logs: not a trial_<j> folder (R5)",
        "s/study_x: not a study_<k> folder (R2)",
      ]),
    );
  });

  test("one workload in two frameworks cannot be scored (docs/scoring.md §2.6)", async () => {
    const root = tree(["s/study_0/ogbg_jax/trial_1/eval_measurements.csv", "s/study_1/ogbg_pytorch/trial_1/eval_measurements.csv"]);
    await expect(scanExperiment(path.join(root, "s"), { trialOrder: "directory" })).rejects.toThrow(
      'workload "ogbg" has trials in "ogbg_jax" and "ogbg_pytorch"',
    );
  });

  test("not a log folder, or --submission for several submissions, is an error that explains the layout", async () => {
    const root = tree(["a/study_0/ogbg_jax/trial_1/eval_measurements.csv", "b/study_0/ogbg_jax/trial_1/eval_measurements.csv", "empty/x/"]);
    await expect(scanExperiment(path.join(root, "empty"), { trialOrder: "directory" })).rejects.toThrow(
      "<submission>/study_<k>/<workload>_<framework>/trial_<j>/eval_measurements.csv",
    );
    await expect(scanExperiment(root, { submission: "x", trialOrder: "directory" })).rejects.toThrow("--submission names one submission, but");
  });

  test("a folder inside a submission (study, workload, trial) names the submission folder to pass instead", async () => {
    const root = tree(["logs/external_tuning/amos/study_0/ogbg_jax/trial_1/eval_measurements.csv"]);
    const amos = path.join(root, "logs", "external_tuning", "amos");
    for (const inside of ["study_0", "study_0/ogbg_jax", "study_0/ogbg_jax/trial_1"]) {
      await expect(scanExperiment(path.join(amos, inside), { trialOrder: "directory" })).rejects.toThrow(
        `it lies inside the submission folder ${amos}: pass that folder`,
      );
    }
  });

  test("a folder above the rounds' folders (the published logs/ folder) names the folders of submissions it holds", async () => {
    const root = tree([
      "logs/external_tuning/amos/study_0/ogbg_jax/trial_1/eval_measurements.csv",
      "logs/self_tuning/adamg/study_0/ogbg_jax/trial_1/eval_measurements.csv",
      "logs/README/",
    ]);
    await expect(scanExperiment(path.join(root, "logs"), { trialOrder: "directory" })).rejects.toThrow(
      "it holds folders of submission folders (external_tuning, self_tuning): pass one of them, one round per call",
    );
  });
});

describe("readTrialFiles", () => {
  const trialIn = (files: Record<string, string>) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "algoperf-trial-"));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    return { dir } as Parameters<typeof readTrialFiles>[0];
  };
  const csv = "global_step,score,validation/loss\n0,1,0.5\n";

  test("hparams.json and the meta_data_<n>.json of smallest n; either may be missing", () => {
    const all = readTrialFiles(
      trialIn({
        "eval_measurements.csv": csv,
        "hparams.json": '{"lr": 0.1}',
        "meta_data_0.json": '{"n": 0}',
        "meta_data_00.json": '{"n": 100}',
        "meta_data_1.json": '{"n": 1}',
      }),
    );
    expect(all).toEqual({ csv, hparams: { lr: 0.1 }, meta: { n: 0 }, metaFile: "meta_data_0.json" });
    const later = readTrialFiles(
      trialIn({ "eval_measurements.csv": csv, "hparams.json": "[1]", "meta_data_10.json": '{"n": 10}', "meta_data_2.json": '{"n": 2}' }),
    );
    expect(later).toEqual({ csv, hparams: null, meta: { n: 2 }, metaFile: "meta_data_2.json" });
    expect(readTrialFiles(trialIn({ "eval_measurements.csv": csv, "meta_data_0.json": "{}" }))).toEqual({
      csv,
      hparams: null,
      meta: {},
      metaFile: "meta_data_0.json",
    });
    expect(readTrialFiles(trialIn({ "eval_measurements.csv": csv }))).toEqual({ csv, hparams: null, meta: null, metaFile: null });
  });

  test("invalid JSON is an error naming the file, hparams.json first", () => {
    const t = trialIn({ "eval_measurements.csv": csv, "hparams.json": "{", "meta_data_0.json": "{" });
    expect(() => readTrialFiles(t)).toThrow(`${path.join(t.dir, "hparams.json")} is not valid JSON`);
    const m = trialIn({ "eval_measurements.csv": csv, "meta_data_3.json": "nope" });
    expect(() => readTrialFiles(m)).toThrow(`${path.join(m.dir, "meta_data_3.json")} is not valid JSON`);
  });
});

describe("provenanceFromMeta", () => {
  test("GPU model × count and the git commit of the runner's meta_data file", () => {
    expect(provenanceFromMeta({ gpu_model_name: "Tesla V100-SXM2-16GB", gpu_count: 8, git_commit_hash: "deadbeef", cpu_model_name: "Xeon" })).toEqual({
      hardware: "8x Tesla V100-SXM2-16GB",
      codeCommit: "deadbeef",
    });
    expect(provenanceFromMeta({ cpu_model_name: "AMD EPYC 7B12" })).toEqual({ hardware: "AMD EPYC 7B12", codeCommit: null });
    expect(provenanceFromMeta(null)).toEqual({ hardware: null, codeCommit: null });
  });
});

describe("provenanceRecord", () => {
  test("the fields of meta_data_<n>.json kept as the upload's provenance; nothing usable gives null", () => {
    const meta = {
      gpu_model_name: "Tesla V100-SXM2-16GB",
      gpu_count: 8,
      rng_seed: 778129602,
      git_branch: "main",
      python_version: "3.8.10",
      "gpu.0.temp.current": 40.0,
    };
    expect(provenanceRecord(meta, "meta_data_0.json")).toEqual({
      gpuModel: "Tesla V100-SXM2-16GB",
      gpuCount: 8,
      seed: 778129602,
      gitBranch: "main",
      python: "3.8.10",
      source: "meta_data_0.json",
    });
    expect(provenanceRecord({ gpu_count: "eight" }, "meta_data_0.json")).toBeNull();
    expect(provenanceRecord(null, null)).toBeNull();
  });
});
