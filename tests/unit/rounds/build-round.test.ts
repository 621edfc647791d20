// The round builder (docs/hosting-a-round.md) on the workload catalog of data/workloads.json.
import { describe, expect, test } from "vitest";
import { roundSeed } from "@/lib/rounds/build-round";
import { WORKLOAD_CATALOG, workloadCatalogSchema } from "@/lib/rounds/catalog";
import { parseTargetsFile, RoundDefinitionError } from "@/lib/rounds/targets-file";

const targets = (over: Record<string, unknown> = {}) =>
  parseTargetsFile({
    benchmark_version: "0.5",
    base_workloads: ["ogbg", "wmt"],
    held_out_workloads: ["ogbg_model_size"],
    workloads: {
      ogbg: { target_metric_name: "mean_average_precision", validation_target_value: 0.28098, step_hint: 52000 },
      ogbg_model_size: { target_metric_name: "mean_average_precision", validation_target_value: 0.269446, step_hint: 52000 },
      wmt: { target_metric_name: "bleu", validation_target_value: 30.8491, step_hint: 120000 },
    },
    ...over,
  });

const def = { slug: "next", ruleset: "self-tuning" as const, budgetFactor: 3, studies: 5, trials: 1 };

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof RoundDefinitionError) return error.problems;
    throw error;
  }
  return [];
}

describe("workload catalog", () => {
  test("covers the 9 base workloads of the 2026 targets file, finewebedu_lm included, with the §6 budgets", () => {
    for (const key of [
      "criteo1tb",
      "fastmri",
      "imagenet_resnet",
      "imagenet_vit",
      "librispeech_conformer",
      "librispeech_deepspeech",
      "finewebedu_lm",
      "ogbg",
      "wmt",
    ]) {
      expect(WORKLOAD_CATALOG.workloads[key]?.base, key).toBeNull();
    }
    // docs/scoring.md §6
    expect(WORKLOAD_CATALOG.workloads.fastmri).toMatchObject({ budgets: { "v0.5": 8859, "v0.6": 4430 }, metric: "ssim" });
    expect(WORKLOAD_CATALOG.metrics.ppl).toEqual({ label: "Perplexity", direction: "min" });
    expect(Object.keys(WORKLOAD_CATALOG.workloads)).toHaveLength(36);
  });

  test("a variant of an unknown base or with an unknown metric is refused by the schema", () => {
    const bad = { metrics: { loss: { label: "CE", direction: "min" } }, workloads: { x_y: { base: "x", variant: "y", metric: "bleu" } } };
    const r = workloadCatalogSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toEqual(["workloads.x_y.metric", "workloads.x_y.base"]);
  });
});

describe("roundSeed", () => {
  test("roles, metric columns, directions, budgets of the version and step hints", () => {
    const seed = roundSeed({ ...def, targets: targets() }, WORKLOAD_CATALOG);
    expect(seed).toMatchObject({
      benchmarkVersion: "v0.5",
      ruleset: "self_tuning",
      budgetFactor: 3,
      studiesExpected: 5,
      trialsExpected: 1,
      name: "AlgoPerf v0.5 · Self-tuning",
    });
    expect(seed.workloads.map((w) => [w.key, w.role, w.baseKey, w.metricName, w.direction, w.budgetSeconds, w.stepHint])).toEqual([
      ["ogbg", "base", null, "validation/mean_average_precision", "max", 18477, 52000],
      ["wmt", "base", null, "validation/bleu", "max", 48151, 120000],
      ["ogbg_model_size", "held_out", "ogbg", "validation/mean_average_precision", "max", 18477, 52000],
    ]);
  });

  test("every problem is named at once", () => {
    const t = targets({
      base_workloads: ["ogbg", "wmt", "finewebedu_lm"],
      workloads: {
        ogbg: { target_metric_name: "mean_average_precision", validation_target_value: 0.28 },
        finewebedu_lm: { target_metric_name: "ppl", validation_target_value: 22.2995 },
      },
    });
    expect(problems(() => roundSeed({ ...def, studies: 0, targets: t }, WORKLOAD_CATALOG))).toEqual([
      "--studies: expected a positive integer",
      'workloads.wmt: the base workload "wmt" has no target in the targets file',
      "workloads.finewebedu_lm: no runtime budget for v0.5 in data/workloads.json; give one with --budget finewebedu_lm=<seconds>",
      'workloads.ogbg_model_size: the held-out workload "ogbg_model_size" has no target in the targets file',
    ]);
  });

  test("counts left out are named as required, with the published rounds' values", () => {
    expect(problems(() => roundSeed({ ...def, studies: NaN, trials: NaN, budgetFactor: NaN, targets: targets() }, WORKLOAD_CATALOG))).toEqual([
      "--budget-factor: required for self-tuning: the runtime budget multiplier (3 in AlgoPerf v0.5, 1.5 in v0.6)",
      "--studies: required: the number of studies per workload (5 in the published AlgoPerf rounds)",
      "--trials: required: the number of trials per study (5 for external tuning, 1 for self-tuning in the published AlgoPerf rounds)",
    ]);
  });

  test("a malformed targets file names the field", () => {
    expect(problems(() => targets({ base_workloads: [] }))).toEqual(["targets file: base_workloads: Too small: expected array to have >=1 items"]);
  });
});
