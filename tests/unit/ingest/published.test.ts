import { describe, expect, test } from "vitest";
import { algoperfRounds } from "@/ingest/published/algoperf";
import { algoperfLeaderboardsFile, paperTablesFile } from "@/ingest/published/files";
import { paperRound, slugify } from "@/ingest/published/paper";
import { baseOfVariant } from "@/ingest/published/workloads";
import { dbConfig } from "@/lib/db/config";
import { readPublished } from "../../support/published";

const paperFile = paperTablesFile.parse(readPublished("paper_tables.json"));
const leaderboards = algoperfLeaderboardsFile.parse(readPublished("algoperf_leaderboards.json"));
const paper = paperRound(paperFile);
const algoperf = algoperfRounds(leaderboards);

describe("paper round", () => {
  test("36 configurations in the default pool, in Appendix E order, with their runtime fractions", () => {
    const pool = paper.submissions.filter((s) => s.inDefaultPool);
    expect(pool.map((s) => s.displayName)).toEqual(paperFile.appendix_e_all_methods.rows.map((r) => r.display_name));
    for (const [i, row] of paperFile.appendix_e_all_methods.rows.entries()) {
      const fractions = paperFile.conventions.workload_order.map((k) => row.runtime_fraction[k]);
      expect(pool[i]!.runs.map((r) => r.timeFraction)).toEqual(fractions);
      expect(pool[i]!.runs.map((r) => r.reached)).toEqual(fractions.map((f) => f !== null));
    }
  });

  test("Schedule-Free AdamW is an imported row outside the default pool", () => {
    const sf = paper.submissions.find((s) => s.source === "imported");
    expect(sf).toMatchObject({ slug: "schedule-free-adamw", inDefaultPool: false, family: "schedule-free" });
    expect(sf!.runs.filter((r) => r.reached)).toHaveLength(7);
  });

  test("ImageNet metrics printed as error rate are stored as accuracy, the scored column", () => {
    const resnet = paper.workloads.find((w) => w.key === "imagenet_resnet")!;
    expect(resnet).toMatchObject({ metricName: "validation/accuracy", direction: "max", target: 0.77431, budgetSteps: 559998 });
    const adamw33 = paper.submissions.find((s) => s.slug === "adamw-33-1")!;
    const table5 = paperFile.table5_calibrated_validation.rows.find((r) => r.display_name === "AdamW 33%")!;
    expect(adamw33.runs.find((r) => r.workload === "imagenet_resnet")!.bestMetric).toBeCloseTo(1 - table5.validation_metric.imagenet_resnet50!, 12);
    expect(adamw33.runs.find((r) => r.workload === "wmt")!.bestMetric).toBe(table5.validation_metric.wmt_transformer);
  });

  test("slugs are stable and unique", () => {
    expect(slugify("Prodigy (w. Adam) 66% 2")).toBe("prodigy-w-adam-66-2");
    const slugs = paper.submissions.map((s) => s.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
  });
});

describe("AlgoPerf rounds", () => {
  test("v0.5 external: base workloads, held-out variants and the extra variants the baseline ran", () => {
    const v05 = algoperf.find((r) => r.slug === "algoperf-v0.5-external")!;
    expect(v05.workloads.filter((w) => w.role === "base").map((w) => w.key)).toEqual(leaderboards.rounds[0]!.base_workloads);
    expect(
      v05.workloads
        .filter((w) => w.role === "held_out")
        .map((w) => w.key)
        .sort(),
    ).toEqual([...leaderboards.rounds[0]!.held_out_workloads].sort());
    expect(v05.workloads.find((w) => w.key === "imagenet_resnet_silu")).toMatchObject({ role: "variant", baseKey: "imagenet_resnet" });
  });

  test("trials keep their listing order and become fractions of the ruleset's budget", () => {
    const self = algoperf.find((r) => r.slug === "algoperf-v0.5-self-tuning")!;
    expect(self.budgetFactor).toBe(3);
    const run = self.submissions.find((s) => s.slug === "schedule_free_adamw")!.runs.find((r) => r.workload === "ogbg" && r.reached)!;
    expect(run.timeFraction).toBeCloseTo(run.timeSeconds! / (18477 * 3), 15);
    const v06 = algoperf.find((r) => r.slug === "algoperf-v0.6-external")!;
    const firstStudy = v06.submissions.find((s) => s.slug === "baseline")!.runs.filter((r) => r.workload === "criteo1tb" && r.study === 0);
    expect(firstStudy.map((r) => [r.trial, r.position])).toEqual([
      [5, 0],
      [3, 1],
      [4, 2],
      [1, 3],
      [2, 4],
    ]);
  });

  test("every published trial carries its hardware, every external-tuning trial its hparams.json, every miss its run time", () => {
    const v05 = algoperf.find((r) => r.slug === "algoperf-v0.5-external")!;
    // algoperf_v05/logs/external_tuning/baseline/study_0/ogbg_jax/trial_4: hparams.json, meta_data_0.json, last row of eval_measurements.csv.
    const ogbg = v05.submissions.find((s) => s.slug === "baseline")!.runs.filter((r) => r.workload === "ogbg" && r.study === 0);
    expect(ogbg.find((r) => r.trial === 4)).toMatchObject({
      reached: false,
      hyperparameters: {
        dropout_rate: 0.0,
        label_smoothing: 0.0,
        learning_rate: 0.004958460849689891,
        one_minus_beta1: 0.13625575743,
        beta2: 0.6291854735396584,
        weight_decay: 0.1147386261512052,
        warmup_factor: 0.02,
      },
      hardware: "8x Tesla V100-SXM2-16GB",
      provenance: { gpuModel: "Tesla V100-SXM2-16GB", gpuCount: 8 },
      runSeconds: 18260.280821561813,
    });
    // .../study_0/ogbg_jax/trial_2/hparams.json; a hit has no run time of its own (it costs its time to target).
    expect(ogbg.find((r) => r.trial === 2)!.hyperparameters).toMatchObject({ label_smoothing: 0.2, learning_rate: 0.0008445074561975979 });
    expect(ogbg.find((r) => r.trial === 5)).toMatchObject({ reached: true, runSeconds: null });
    const published = algoperf.filter((r) => r.submissions.length > 0);
    expect(published.map((r) => r.slug)).toEqual(["algoperf-v0.5-external", "algoperf-v0.5-self-tuning", "algoperf-v0.6-external"]);
    for (const round of published) {
      expect(round.hardware).toBe("8x Tesla V100-SXM2-16GB");
      for (const s of round.submissions) {
        for (const r of s.runs) {
          expect(r.provenance, `${round.slug}/${s.slug}`).toEqual({ gpuModel: "Tesla V100-SXM2-16GB", gpuCount: 8 });
          // Self-tuning submissions have no hyperparameters to tune: their logs hold no hparams.json.
          expect(r.hyperparameters === null, `${round.slug}/${s.slug}`).toBe(round.ruleset === "self_tuning");
          expect(r.runSeconds === null, `${round.slug}/${s.slug}`).toBe(r.reached);
        }
      }
    }
    // No published v0.6 self-tuning results: the hardware of the v0.6 logs (algoperf_v06/logs/*/*/study_*/*/trial_*/meta_data_0.json).
    expect(algoperf.find((r) => r.slug === "algoperf-v0.6-self-tuning")!.hardware).toBe("8x Tesla V100-SXM2-16GB");
  });

  test("a trial naming a hyperparameter set that is not there is refused with its path", () => {
    const broken = structuredClone(leaderboards);
    broken.rounds[0]!.submissions.amos!.ogbg_jax!.study_0![0]!.hp = 99;
    expect(() => algoperfRounds(broken)).toThrow(/amos\/study_0\/ogbg_jax\/trial_\d+: hp 99 is not in hparam_sets\.amos/);
  });

  test("v0.6 self-tuning has the v0.6 workloads and no submissions", () => {
    const round = algoperf.find((r) => r.slug === "algoperf-v0.6-self-tuning")!;
    expect(round).toMatchObject({ budgetFactor: 1.5, studiesExpected: 3, trialsExpected: 1, submissions: [] });
    expect(round.workloads.find((w) => w.key === "fastmri")!.budgetSeconds).toBe(4430);
  });

  test("docs/scoring.md §3.3: the base of a variant is the first base contained in its name", () => {
    expect(baseOfVariant("librispeech_conformer_layernorm", ["librispeech_conformer", "librispeech_deepspeech"])).toBe("librispeech_conformer");
    expect(baseOfVariant("unknown_thing", ["wmt"])).toBeNull();
  });
});

describe("configuration", () => {
  test("ports are validated with a message naming the variable", () => {
    expect(() => dbConfig({ EMBEDDED_PG_PORT: "abc" })).toThrow(/EMBEDDED_PG_PORT must be a port number/);
    expect(dbConfig({})).toMatchObject({ databaseUrl: undefined, embeddedPort: 54329 });
  });
});
