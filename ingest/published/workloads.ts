// Descriptions of the AlgoPerf workloads shared by every round: the paper's
// Table 2 (task, dataset, model, loss, batch size, step budget) under the
// AlgoPerf workload keys, plus the test-set targets of docs/scoring.md §6.
import { WORKLOAD_CATALOG } from "@/lib/rounds/catalog";
import type { PaperTablesFile, PaperWorkload } from "./files";

/** Paper workload key -> AlgoPerf base workload key. */
export const PAPER_WORKLOAD_KEYS: Record<string, string> = {
  criteo1tb_dlrm_small: "criteo1tb",
  fastmri_unet: "fastmri",
  imagenet_resnet50: "imagenet_resnet",
  imagenet_vit: "imagenet_vit",
  librispeech_conformer: "librispeech_conformer",
  librispeech_deepspeech: "librispeech_deepspeech",
  ogbg_gnn: "ogbg",
  wmt_transformer: "wmt",
};

/** docs/scoring.md §6 test targets of the base workloads, from data/workloads.json. */
export const TEST_TARGETS: Record<string, number> = Object.fromEntries(
  Object.entries(WORKLOAD_CATALOG.workloads).flatMap(([key, w]) => (w.base === null && w.testTarget !== null ? [[key, w.testTarget]] : [])),
);

const METRIC_LABELS: Record<string, string> = {
  loss: "CE loss",
  ssim: "SSIM",
  accuracy: "Accuracy",
  wer: "WER",
  mean_average_precision: "mAP",
  bleu: "BLEU",
};

export function metricLabel(metricColumn: string): string {
  const name = metricColumn.replace(/^(validation|test|train)\//, "");
  return METRIC_LABELS[name] ?? name;
}

export interface WorkloadDescription {
  key: string;
  displayName: string;
  task: string;
  dataset: string;
  model: string;
  loss: string;
  batchSize: number;
  maxSteps: number;
  paper: PaperWorkload;
}

export function describeWorkloads(paper: PaperTablesFile): Map<string, WorkloadDescription> {
  const out = new Map<string, WorkloadDescription>();
  for (const [paperKey, w] of Object.entries(paper.workloads)) {
    const key = PAPER_WORKLOAD_KEYS[paperKey];
    if (!key) throw new Error(`paper_tables.json: workloads.${paperKey} has no AlgoPerf key in PAPER_WORKLOAD_KEYS`);
    out.set(key, {
      key,
      displayName: `${w.dataset} ${w.model}`,
      task: w.task,
      dataset: w.dataset,
      model: w.model,
      loss: w.loss,
      batchSize: w.batch_size,
      maxSteps: w.max_steps,
      paper: w,
    });
  }
  return out;
}

/** docs/scoring.md §3.3: the base of a variant is the first base key (in list order) contained in its name. */
export function baseOfVariant(key: string, bases: string[]): string | null {
  return bases.find((b) => key.includes(b)) ?? null;
}
