// The official reader's semantics (docs/log-reader.md R1–R9) on the quirks the
// published AlgoPerf folders hold (tests/fixtures/algoperf_quirks, README
// there names each file's source). Expected values are worked out here from
// the CSV text and the rules, not by the code under test.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parseEvalCsv } from "@/ingest/algoperf/eval-csv";
import { scanExperiment } from "@/ingest/algoperf/experiment-dir";
import { readExperimentRound } from "@/ingest/algoperf/experiment-round";

const QUIRKS = path.resolve("tests/fixtures/algoperf_quirks");
const published = JSON.parse(readFileSync("data/published/algoperf_leaderboards.json", "utf8")) as {
  rounds: {
    benchmark_version: string;
    ruleset: string;
    base_workloads: string[];
    held_out_workloads: string[];
    workload_specs: Record<string, { metric: string; target: number; direction: "min" | "max" }>;
  }[];
};
const v05 = published.rounds.find((r) => r.benchmark_version === "v0.5" && r.ruleset === "external")!;
const workloads = Object.entries(v05.workload_specs).map(([key, s]) => ({ key, metricName: s.metric, target: s.target, direction: s.direction }));

/** First hit by docs/scoring.md §1.3–§1.4, from the raw text: a cell that is not a number never hits. */
function firstHit(file: string, metric: string, target: number, direction: "min" | "max") {
  const [header, ...rows] = readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((l) => l.split(","));
  const m = header!.indexOf(metric);
  const s = header!.indexOf("score");
  for (let i = 0; i < rows.length; i++) {
    const cell = rows[i]![m]!;
    const v = cell === "" || cell === "nan" ? NaN : Number(cell);
    if (direction === "max" ? v >= target : v <= target) return { hit_index: i, hit_time: Number(rows[i]![s]) };
  }
  return { hit_index: null, hit_time: null };
}

const csv = (...parts: string[]) => path.join(QUIRKS, ...parts, "eval_measurements.csv");

describe("docs/log-reader.md on the published quirks", () => {
  test("R4: a workload folder without trial folders (v0.5 baseline fastmri_pytorch: only a .log) contributes nothing and is reported", async () => {
    const scan = await scanExperiment(path.join(QUIRKS, "quirks_baseline"), { trialOrder: "directory" });
    expect(scan.submissions[0]!.trials.map((t) => t.relative)).toEqual(["study_1/fastmri_jax/trial_1"]);
    expect(scan.skipped).toEqual([`${path.join(QUIRKS, "quirks_baseline/study_1/fastmri_pytorch")}: no trial_<j> folder with eval_measurements.csv (R4)`]);
  });

  test("R6: a trial folder without eval_measurements.csv (v0.5 lawa_ema) is skipped and reported", async () => {
    const scan = await scanExperiment(path.join(QUIRKS, "quirks_lawa_ema"), { trialOrder: "name" });
    expect(scan.submissions[0]!.trials.map((t) => t.trial)).toEqual([1]);
    expect(scan.skipped).toEqual([
      `${path.join(QUIRKS, "quirks_lawa_ema/study_2/librispeech_conformer_layernorm_pytorch/trial_2")}: no eval_measurements.csv (R6)`,
    ]);
  });

  test("R7: any number is a metric value: the negative SSIM of v0.5 generalized_adam is read as it is", () => {
    const file = csv("quirks_generalized_adam/study_3/fastmri_jax/trial_1");
    const series = parseEvalCsv(readFileSync(file, "utf8"), "validation/ssim");
    const cells = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(",")[14]!);
    expect(series.metrics).toEqual(cells.map(Number));
    expect(series.metrics.filter((m) => m! < 0).length).toBeGreaterThan(0);
  });

  test("R8: an empty cell or NaN never meets the target; R9: extra columns are ignored", () => {
    const series = parseEvalCsv(readFileSync(csv("quirks_synthetic/study_0/ogbg_jax/trial_1"), "utf8"), "validation/mean_average_precision");
    expect(series.metrics).toEqual([null, null, 0.29]);
    expect(series.times).toEqual([50.25, 100.5, 150.75]);
  });

  test("R3: a sibling <dir>-<timestamp> folder is merged into <dir>, as the official glob merges it, and is not a submission of its own", async () => {
    const scan = await scanExperiment(QUIRKS, { trialOrder: "name" });
    expect(scan.submissions.map((s) => s.slug)).toEqual(["quirks_baseline", "quirks_generalized_adam", "quirks_lawa_ema", "quirks_sinv6", "quirks_synthetic"]);
    const synthetic = scan.submissions.find((s) => s.slug === "quirks_synthetic")!;
    expect(synthetic.trials.map((t) => [t.study, t.workloadDir, t.trial])).toEqual([
      [0, "ogbg_jax", 1],
      [0, "ogbg_jax", 2],
    ]);
    expect(scan.skipped).toContain(`${path.join(QUIRKS, "quirks_synthetic-2024-09-01-10-00-00")}: merged into quirks_synthetic (R3)`);
  });

  test("the whole quirks folder reads as the official reader reads it: times to target per trial", async () => {
    const read = await readExperimentRound([QUIRKS], {
      workloads,
      baseWorkloads: v05.base_workloads,
      heldOutWorkloads: v05.held_out_workloads,
      trialOrder: "name",
    });
    const spec = (w: string) => v05.workload_specs[w]!;
    const hit = (file: string, w: string) => firstHit(file, spec(w).metric, spec(w).target, spec(w).direction);
    expect(read.trials).toBe(6);
    expect(read.round.submissions).toEqual({
      quirks_baseline: { fastmri_jax: { study_1: [{ trial: "trial_1", ...hit(csv("quirks_baseline/study_1/fastmri_jax/trial_1"), "fastmri") }] } },
      quirks_generalized_adam: {
        fastmri_jax: { study_3: [{ trial: "trial_1", ...hit(csv("quirks_generalized_adam/study_3/fastmri_jax/trial_1"), "fastmri") }] },
      },
      quirks_lawa_ema: {
        librispeech_conformer_layernorm_pytorch: {
          study_2: [
            { trial: "trial_1", ...hit(csv("quirks_lawa_ema/study_2/librispeech_conformer_layernorm_pytorch/trial_1"), "librispeech_conformer_layernorm") },
          ],
        },
      },
      quirks_sinv6: {
        librispeech_deepspeech_jax: {
          study_2: [{ trial: "trial_1", ...hit(csv("quirks_sinv6/study_2/librispeech_deepspeech_jax/trial_1"), "librispeech_deepspeech") }],
        },
      },
      // The sibling's trial_2 hits at eval 1 (0.3 >= 0.28098, 80 s); trial_1 only at eval 2 (150.75 s) after an empty and a NaN cell.
      quirks_synthetic: {
        ogbg_jax: {
          study_0: [
            { trial: "trial_1", hit_index: 2, hit_time: 150.75 },
            { trial: "trial_2", hit_index: 1, hit_time: 80 },
          ],
        },
      },
    });
  });
});

describe("cli score's reading (ingest/algoperf/experiment-round.ts)", () => {
  const options = { workloads, baseWorkloads: v05.base_workloads, heldOutWorkloads: v05.held_out_workloads, trialOrder: "name" as const };

  test("the error is the first unreadable trial in listing order", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "log-reader-first-error-"));
    try {
      cpSync(QUIRKS, dir, { recursive: true });
      const first = path.join(dir, "quirks_baseline/study_1/fastmri_jax/trial_1/eval_measurements.csv");
      const later = path.join(dir, "quirks_generalized_adam/study_3/fastmri_jax/trial_1/eval_measurements.csv");
      writeFileSync(first, "x\n1\n");
      writeFileSync(later, "y\n1\n");
      await expect(readExperimentRound([dir], options)).rejects.toThrow(`${first}: no column`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
