// Issue 12: a folder with every quirk of the published logs
// (tests/fixtures/algoperf_quirks, docs/log-reader.md) uploads untouched with
// the CLI: what the official reader skips is skipped and reported, negative
// metrics are stored as they are, the timestamped sibling is merged, and the
// runner's meta_data/hparams are stored and served as provenance.
import { unpackValues } from "@/lib/db/eval-columns";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, onTestFinished, test } from "vitest";
import { withDb } from "../support/db";
import { createToken, dropRound, runCli, unique } from "../support/ingest";

const ROUND = "algoperf-v0.5-external";
const QUIRKS = path.resolve("tests/fixtures/algoperf_quirks");
const SLUGS = ["quirks_baseline", "quirks_generalized_adam", "quirks_lawa_ema", "quirks_sinv6", "quirks_synthetic"];

let admin: string;
beforeAll(async () => {
  admin = await createToken(unique("quirks"), "admin");
});
afterAll(async () => {
  for (const slug of SLUGS) await runCli(["submission", "delete", ROUND, slug, "--yes", "--url", inject("baseUrl"), "--token", admin]);
});

const csvColumn = (file: string, column: string) => {
  const [header, ...rows] = readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((l) => l.split(","));
  const i = header!.indexOf(column);
  return rows.map((r) => (r[i] === "" || r[i] === "nan" ? NaN : Number(r[i])));
};

describe(`CLI upload of ${path.relative(process.cwd(), QUIRKS)}`, () => {
  test("one call (the first submission in a request of its own, the others together): 6 runs, the skipped folders as one warning, negative SSIM stored, the sibling merged, provenance stored", async () => {
    const r = await runCli(["upload", QUIRKS, "--url", inject("baseUrl"), "--token", admin, "--round", ROUND]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Uploaded 6 runs to ${ROUND} in 2 requests: 6 created, 0 unchanged, 0 replaced.`);
    expect(r.stdout).toContain("Warning: skipped 3 folder(s) that the official scorer also skips or merges (docs/log-reader.md):");
    expect(r.stdout).toContain("quirks_baseline/study_1/fastmri_pytorch: no trial_<j> folder with eval_measurements.csv (R4)");
    expect(r.stdout).toContain("quirks_lawa_ema/study_2/librispeech_conformer_layernorm_pytorch/trial_2: no eval_measurements.csv (R6)");
    expect(r.stdout).toContain("quirks_synthetic-2024-09-01-10-00-00: merged into quirks_synthetic (R3)");

    const runs = await withDb(
      async (c) =>
        (
          await c.query(
            `SELECT s.slug, w.key AS workload, x.study, x.trial, x.position, x."clientRunId", x."timeSeconds", x.hardware, x."codeCommit", x.hyperparameters, x.provenance, e.metrics
             FROM "Run" x JOIN "Workload" w ON w.id = x."workloadId" JOIN "Submission" s ON s.id = x."submissionId" JOIN "Round" r ON r.id = s."roundId"
             LEFT JOIN "RunEvals" e ON e."runId" = x.id WHERE r.slug = $1 AND s.slug = ANY($2) ORDER BY s.slug, x.study, x.position`,
            [ROUND, SLUGS],
          )
        ).rows,
    );
    expect(runs.map((x) => `${x.slug}/${x.clientRunId}`)).toEqual([
      "quirks_baseline/study_1/fastmri_jax/trial_1",
      "quirks_generalized_adam/study_3/fastmri_jax/trial_1",
      "quirks_lawa_ema/study_2/librispeech_conformer_layernorm_pytorch/trial_1",
      "quirks_sinv6/study_2/librispeech_deepspeech_jax/trial_1",
      "quirks_synthetic/study_0/ogbg_jax/trial_1",
      "quirks_synthetic/quirks_synthetic-2024-09-01-10-00-00/study_0/ogbg_jax/trial_2",
    ]);
    const adam = runs.find((x) => x.slug === "quirks_generalized_adam")!;
    const ssim = csvColumn(path.join(QUIRKS, "quirks_generalized_adam/study_3/fastmri_jax/trial_1/eval_measurements.csv"), "validation/ssim");
    expect(unpackValues(adam.metrics)).toEqual(ssim);
    expect(Math.min(...unpackValues(adam.metrics))).toBeLessThan(0);
    // meta_data_0.json of that trial: Tesla V100-SXM2-16GB x 8, rng_seed 778129602, commit 4b01ee64…; hparams.json as is.
    expect(adam.hardware).toBe("8x Tesla V100-SXM2-16GB");
    expect(adam.codeCommit).toBe("4b01ee64c30dec442dd111abe31d40d80820fc70");
    expect(adam.provenance).toMatchObject({ gpuModel: "Tesla V100-SXM2-16GB", gpuCount: 8, seed: 778129602, gitBranch: "main", source: "meta_data_0.json" });
    expect(adam.hyperparameters).toEqual(
      JSON.parse(readFileSync(path.join(QUIRKS, "quirks_generalized_adam/study_3/fastmri_jax/trial_1/hparams.json"), "utf8")),
    );
    // The merged sibling's trial is listed after the folder's own (R3): position 1.
    expect(runs.filter((x) => x.slug === "quirks_synthetic").map((x) => [x.trial, x.position, x.timeSeconds])).toEqual([
      [1, 0, 150.75],
      [2, 1, 80],
    ]);

    // Scored by the server: the study's best trial is the sibling's (first hit at eval 1 < eval 2, docs/scoring.md §2.2).
    const scores = await (await fetch(`${inject("baseUrl")}/api/v1/rounds/${ROUND}/scores?add=quirks_synthetic`)).json();
    expect(scores.cells.quirks_synthetic.ogbg.time).toBe(80);

    // Provenance in the submission's JSON and CSV.
    const json = await (await fetch(`${inject("baseUrl")}/api/v1/rounds/${ROUND}/submissions/quirks_generalized_adam`)).json();
    const run = JSON.stringify(json);
    expect(run).toContain('"seed":778129602');
    expect(run).toContain('"beta1":0.9721703824185486');
    const csv = await (await fetch(`${inject("baseUrl")}/api/v1/rounds/${ROUND}/submissions/quirks_generalized_adam?format=csv`)).text();
    expect(csv.split("\n")[0]).toContain("gpu_model,gpu_count,seed,hyperparameters");
    expect(csv).toContain("Tesla V100-SXM2-16GB,8,778129602,");
  });
});

describe("R12: a variant the round does not list (a round created from an official targets file)", () => {
  // The official scorer scores base and held-out workloads only and leaves other variants out
  // (scoring/performance_profile.py); the published v0.5 baseline logs hold four such variants.
  test("its folders are skipped with a warning naming --variant; a workload that is no variant of the round's is still refused", async () => {
    const round = unique("r12");
    // Other files count the shared stack's rounds (seed.test.ts, page-size.test.ts).
    onTestFinished(() => dropRound(round));
    const tmp = mkdtempSync(path.join(os.tmpdir(), "algoperf-r12-"));
    const targets = path.join(tmp, "workload_targets.json");
    writeFileSync(
      targets,
      JSON.stringify({
        benchmark_version: "0.5",
        base_workloads: ["ogbg"],
        held_out_workloads: [],
        workloads: {
          ogbg: { target_metric_name: "mean_average_precision", validation_target_value: 0.28098, step_hint: 52000 },
          ogbg_gelu: { target_metric_name: "mean_average_precision", validation_target_value: 0.27771, step_hint: 52000 },
        },
      }),
    );
    const remote = ["--url", inject("baseUrl"), "--token", admin];
    const created = await runCli(["round", "create", round, "--targets", targets, "--ruleset", "external", "--studies", "1", "--trials", "1", ...remote]);
    expect(created.code, created.stderr).toBe(0);
    const trial = path.join(QUIRKS, "quirks_synthetic/study_0/ogbg_jax/trial_1");
    for (const workload of ["ogbg_jax", "ogbg_gelu_jax"]) cpSync(trial, path.join(tmp, "sub_r12/study_0", workload, "trial_1"), { recursive: true });

    const r = await runCli(["upload", path.join(tmp, "sub_r12"), "--round", round, ...remote]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Uploaded 1 runs to ${round}`);
    expect(r.stdout).toContain(
      `sub_r12/study_0/ogbg_gelu_jax: variant "ogbg_gelu" is not a workload of round "${round}" and not scored by the official scorer either (R12); a round created with --variant ogbg_gelu keeps such runs`,
    );
    const stored = await withDb(async (c) =>
      (await c.query(`SELECT x."clientRunId" FROM "Run" x JOIN "Round" r ON r.id = x."roundId" WHERE r.slug = $1`, [round])).rows.map((x) => x.clientRunId),
    );
    expect(stored).toEqual(["study_0/ogbg_jax/trial_1"]);

    cpSync(trial, path.join(tmp, "sub_typo/study_0/ogbj_jax/trial_1"), { recursive: true });
    const typo = await runCli(["upload", path.join(tmp, "sub_typo"), "--round", round, ...remote]);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain(`round "${round}" has no workload "ogbj" (from folder ogbj_jax)`);
  });
});
