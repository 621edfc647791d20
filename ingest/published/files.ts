// Shapes of the published data files in data/published (validated on import,
// so an edited file fails with the path of the bad field).
import { z } from "zod";

// GPU model and count of a trial (gpu_model_name, gpu_count of its meta_data_<n>.json).
const hardware = z.object({ gpu_model_name: z.string().min(1), gpu_count: z.number().int().positive() });
const trial = z.object({
  trial: z.string().regex(/^trial_\d+$/),
  hit_index: z.number().int().nonnegative().nullable(),
  hit_time: z.number().nonnegative().nullable(),
  /** Index of the trial's hparams.json in its round's hparam_sets[submission]. */
  hp: z.number().int().nonnegative().optional(),
  /** Missed trials: accumulated submission time (s) of the last eval, what the whole run took. */
  run_time: z.number().nonnegative().nullable().optional(),
  /** Only where it differs from the round's hardware; null = the trial has no meta_data file. */
  hardware: hardware.nullable().optional(),
});
const workloadSpec = z.object({ metric: z.string(), target: z.number(), direction: z.enum(["min", "max"]), budget: z.number().positive() });

export const algoperfRoundFile = z.object({
  benchmark_version: z.string(),
  ruleset: z.enum(["external", "self-tuning"]),
  published_table: z.string(),
  base_workloads: z.array(z.string()).min(1),
  held_out_workloads: z.array(z.string()),
  workload_specs: z.record(z.string(), workloadSpec),
  display_names: z.record(z.string(), z.string()),
  published_scores: z.record(z.string(), z.number()),
  official_code_scores_full_precision: z.record(z.string(), z.number()),
  submissions: z.record(z.string(), z.record(z.string(), z.record(z.string().regex(/^study_\d+$/), z.array(trial)))),
  /** The hardware the round's trials ran on (see the file's description). */
  hardware: hardware.nullable().optional(),
  /** Per submission, the distinct hyperparameter sets (hparams.json) of its trials. */
  hparam_sets: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))).optional(),
});
export type AlgoperfRoundFile = z.infer<typeof algoperfRoundFile>;

export const algoperfLeaderboardsFile = z.object({
  description: z.string(),
  source: z.string(),
  scoring: z.string(),
  rounds: z.array(algoperfRoundFile),
});
export type AlgoperfLeaderboardsFile = z.infer<typeof algoperfLeaderboardsFile>;

/**
 * The same file read for its rounds' workloads and targets only (`score
 * --round`): the submissions' trials are not validated, which took ~0.1 s of
 * the command's ~0.4 s (docs/performance.md, "Raw logs against the official scorer").
 */
export const algoperfTargetsFile = z.object({
  source: z.string(),
  rounds: z.array(
    algoperfRoundFile.pick({
      benchmark_version: true,
      ruleset: true,
      published_table: true,
      base_workloads: true,
      held_out_workloads: true,
      workload_specs: true,
      hardware: true,
    }),
  ),
});
export type AlgoperfTargetsFile = z.infer<typeof algoperfTargetsFile>;

const fractions = z.record(z.string(), z.number().positive().nullable());
const paperRow = z.object({
  display_name: z.string(),
  base_algorithm: z.string(),
  family: z.string(),
  base_optimizer: z.string(),
  base_optimizer_note: z.string().optional(),
  horizon_fraction: z.number().nullable(),
  search_rank_index: z.number().int().nullable(),
  appendix_d_class: z.string().optional(),
});
const scoredRow = paperRow.extend({
  score: z.number(),
  runtime_fraction: fractions,
  targets_hit: z.number().int(),
  alignment: z.string(),
  alignment_alternatives: z.array(z.unknown()).optional(),
  appendix_e_row: z.string().optional(),
  source_note: z.string().optional(),
  selected_as_baseline: z.boolean().optional(),
});
const metricRow = paperRow.extend({
  validation_metric: z.record(z.string(), z.number()),
  target_reached_by_displayed_value: z.record(z.string(), z.enum(["yes", "no", "ambiguous_by_rounding"])),
});
const paperWorkload = z.object({
  task: z.string(),
  dataset: z.string(),
  model: z.string(),
  loss: z.string(),
  metric: z.string(),
  metric_long: z.string(),
  metric_direction: z.enum(["lower", "higher"]),
  target: z.number(),
  max_steps: z.number().int().positive(),
  batch_size: z.number().int().positive(),
  algoperf_v05_target_exact: z.number(),
  algoperf_v05_metric: z.string(),
});

export const paperTablesFile = z
  .object({
    paper: z.object({ title: z.string(), authors: z.array(z.string()), arxiv: z.string() }).loose(),
    conventions: z.object({ workload_order: z.array(z.string()).length(8) }).loose(),
    workloads: z.record(z.string(), paperWorkload),
    table4_naive_best_validation: z.object({ caption: z.string(), rows: z.array(metricRow) }),
    table5_calibrated_validation: z.object({ caption: z.string(), rows: z.array(metricRow) }),
    table6_scores: z.object({ caption: z.string(), rows: z.array(scoredRow) }).loose(),
    appendix_c_baseline_selection: z.object({ caption: z.string(), rows: z.array(scoredRow) }).loose(),
    appendix_e_all_methods: z.object({ caption: z.string(), rows: z.array(scoredRow).length(36) }).loose(),
    appendix_f_with_schedule_free: z.object({ caption: z.string(), rows: z.array(scoredRow) }).loose(),
  })
  .loose();
export type PaperTablesFile = z.infer<typeof paperTablesFile>;
export type PaperScoredRow = z.infer<typeof scoredRow>;
export type PaperMetricRow = z.infer<typeof metricRow>;
export type PaperWorkload = z.infer<typeof paperWorkload>;
