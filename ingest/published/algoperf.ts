// The published AlgoPerf leaderboards (data/published/algoperf_leaderboards.json)
// as rounds: workloads with targets and budgets, submissions, every trial.
import type { RoundSeed, RunSeed, SubmissionSeed, WorkloadSeed } from "@/lib/ingest/round-seed";
import type { AlgoperfLeaderboardsFile, AlgoperfRoundFile, AlgoperfTargetsFile } from "./files";
import { WORKLOAD_CATALOG } from "@/lib/rounds/catalog";
import { roundSeed } from "@/lib/rounds/build-round";
import type { TargetsFile } from "@/lib/rounds/targets-file";

interface RoundPlan {
  slug: string;
  version: string;
  ruleset: "external" | "self-tuning";
  name: string;
  /** Self-tuning runs get a multiple of the external budget (docs/scoring.md §6). */
  budgetFactor: number;
  studies: number;
  trials: number;
  position: number;
}

// docs/scoring.md §6: studies x trials per ruleset and version; self-tuning budget x3 (v0.5), x1.5 (v0.6).
const PLANS: RoundPlan[] = [
  {
    slug: "algoperf-v0.5-external",
    version: "v0.5",
    ruleset: "external",
    name: "AlgoPerf v0.5 · External tuning",
    budgetFactor: 1,
    studies: 5,
    trials: 5,
    position: 10,
  },
  {
    slug: "algoperf-v0.5-self-tuning",
    version: "v0.5",
    ruleset: "self-tuning",
    name: "AlgoPerf v0.5 · Self-tuning",
    budgetFactor: 3,
    studies: 5,
    trials: 1,
    position: 11,
  },
  {
    slug: "algoperf-v0.6-external",
    version: "v0.6",
    ruleset: "external",
    name: "AlgoPerf v0.6 · External tuning",
    budgetFactor: 1,
    studies: 3,
    trials: 5,
    position: 20,
  },
  {
    slug: "algoperf-v0.6-self-tuning",
    version: "v0.6",
    ruleset: "self-tuning",
    name: "AlgoPerf v0.6 · Self-tuning",
    budgetFactor: 1.5,
    studies: 3,
    trials: 1,
    position: 21,
  },
];

export const ALGOPERF_ROUND_SLUGS: readonly string[] = PLANS.map((p) => p.slug);

/**
 * What is known of each published submission's algorithm, from its name and
 * the leaderboard write-ups; null where the leaderboard does not say.
 */
const ANNOTATIONS: Record<string, { baseAlgorithm: string; family: string; baseOptimizer: string }> = {
  baseline: { baseAlgorithm: "NadamW", family: "adaptive baseline", baseOptimizer: "Nadam" },
  nadamp: { baseAlgorithm: "NadamP", family: "adaptive baseline", baseOptimizer: "Nadam" },
  nadamw_sequential: { baseAlgorithm: "NadamW", family: "adaptive baseline", baseOptimizer: "Nadam" },
  generalized_adam: { baseAlgorithm: "Generalized Adam", family: "adaptive baseline", baseOptimizer: "Adam" },
  cyclic_lr: { baseAlgorithm: "NadamW (cyclic LR)", family: "adaptive baseline", baseOptimizer: "Nadam" },
  amos: { baseAlgorithm: "Amos", family: "adaptive baseline", baseOptimizer: "none" },
  shampoo_submission: { baseAlgorithm: "Distributed Shampoo", family: "preconditioned", baseOptimizer: "Adam" },
  shampoo: { baseAlgorithm: "Distributed Shampoo", family: "preconditioned", baseOptimizer: "Adam" },
  caspr_adaptive: { baseAlgorithm: "CASPR", family: "preconditioned", baseOptimizer: "Adam" },
  lawa_queue: { baseAlgorithm: "LAWA (queue)", family: "weight averaging", baseOptimizer: "Nadam" },
  lawa_ema: { baseAlgorithm: "LAWA (EMA)", family: "weight averaging", baseOptimizer: "Nadam" },
  schedule_free_adamw: { baseAlgorithm: "Schedule-Free AdamW", family: "schedule-free", baseOptimizer: "Adam" },
  schedule_free_prodigy: { baseAlgorithm: "Schedule-Free Prodigy", family: "schedule-free", baseOptimizer: "Adam" },
  adamg: { baseAlgorithm: "AdamG", family: "learning-rate-free: distance-based", baseOptimizer: "Adam" },
};

/** The published round's workloads as an official targets file (metric names without `validation/`). */
function targetsOf(spec: RoundTargets): TargetsFile {
  return {
    benchmark_version: spec.benchmark_version,
    base_workloads: spec.base_workloads,
    held_out_workloads: spec.held_out_workloads,
    workloads: Object.fromEntries(
      Object.entries(spec.workload_specs).map(([key, s]) => [
        key,
        { target_metric_name: s.metric.replace(/^validation\//, ""), validation_target_value: s.target },
      ]),
    ),
  };
}

/** Budgets come from data/workloads.json: they must equal the published ones. */
function checkAgainstPublished(spec: RoundTargets, workloads: WorkloadSeed[]): void {
  for (const w of workloads) {
    const s = spec.workload_specs[w.key]!;
    if (w.budgetSeconds !== s.budget || w.direction !== s.direction || w.metricName !== s.metric) {
      throw new Error(
        `algoperf_leaderboards.json (${spec.benchmark_version} ${spec.ruleset}): workload_specs.${w.key} disagrees with data/workloads.json (budget ${s.budget} vs ${w.budgetSeconds}, direction ${s.direction} vs ${w.direction})`,
      );
    }
  }
}

function number(prefix: string, name: string): number {
  const n = Number(name.slice(prefix.length));
  if (!name.startsWith(prefix) || !Number.isInteger(n)) throw new Error(`expected ${prefix}<n>, got "${name}"`);
  return n;
}

type Trial = AlgoperfRoundFile["submissions"][string][string][string][number];
type Hardware = NonNullable<AlgoperfRoundFile["hardware"]>;

/** A hardware class as the CLI writes it from meta_data_<n>.json (ingest/algoperf/experiment-dir.ts provenanceFromMeta). */
const hardwareClass = (h: Hardware) => `${h.gpu_count}x ${h.gpu_model_name}`;

/**
 * What a trial cost and how it was tuned (data/published/README.md): its
 * hparams.json, its GPU model and count (the trial's own, else the round's)
 * and, for a miss, how long the whole run took.
 */
function trialTuning(
  spec: AlgoperfRoundFile,
  slug: string,
  t: Trial,
  where: string,
): Pick<RunSeed, "hardware" | "hyperparameters" | "provenance" | "runSeconds"> {
  let hyperparameters: Record<string, unknown> | null = null;
  if (t.hp !== undefined) {
    hyperparameters = spec.hparam_sets?.[slug]?.[t.hp] ?? null;
    if (!hyperparameters) throw new Error(`algoperf_leaderboards.json: ${where}: hp ${t.hp} is not in hparam_sets.${slug}`);
  }
  const hw = t.hardware === undefined ? (spec.hardware ?? null) : t.hardware;
  return {
    hardware: hw ? hardwareClass(hw) : null,
    hyperparameters,
    provenance: hw ? { gpuModel: hw.gpu_model_name, gpuCount: hw.gpu_count } : null,
    runSeconds: t.run_time ?? null,
  };
}

function submissionSeeds(spec: AlgoperfRoundFile, plan: RoundPlan, workloads: WorkloadSeed[]): SubmissionSeed[] {
  const budgets = new Map(workloads.map((w) => [w.key, (w.budgetSeconds ?? NaN) * plan.budgetFactor]));
  return Object.entries(spec.submissions).map(([slug, dirs]) => {
    const runs: RunSeed[] = [];
    const frameworks = new Set<string>();
    for (const [dir, studies] of Object.entries(dirs)) {
      // docs/scoring.md §2.6: workload = directory name without _(jax|pytorch).
      const match = /^(.*)_(jax|pytorch)$/.exec(dir);
      if (!match) throw new Error(`${slug}: workload directory "${dir}" does not end in _jax or _pytorch`);
      const [, workload, framework] = match as unknown as [string, string, string];
      if (!budgets.has(workload)) throw new Error(`${slug}: workload "${workload}" is not in workload_specs`);
      frameworks.add(framework);
      for (const [studyName, trials] of Object.entries(studies)) {
        trials.forEach((t, position) => {
          runs.push({
            workload,
            study: number("study_", studyName),
            trial: number("trial_", t.trial),
            position,
            reached: t.hit_index !== null,
            timeSeconds: t.hit_time,
            timeFraction: t.hit_time === null ? null : t.hit_time / budgets.get(workload)!,
            steps: null,
            firstHitIndex: t.hit_index,
            bestMetric: null,
            framework,
            ...trialTuning(spec, slug, t, `${slug}/${studyName}/${dir}/${t.trial}`),
          });
        });
      }
    }
    const a = ANNOTATIONS[slug];
    return {
      slug,
      displayName: spec.display_names[slug] ?? slug,
      baseAlgorithm: a?.baseAlgorithm ?? null,
      family: a?.family ?? null,
      baseOptimizer: a?.baseOptimizer ?? null,
      horizon: null,
      searchRank: null,
      framework: [...frameworks].sort().join(", ") || null,
      source: "published",
      importedFrom: `AlgoPerf ${spec.benchmark_version} ${spec.ruleset} leaderboard: ${spec.published_table}`,
      inDefaultPool: true,
      publishedScore: spec.published_scores[slug] ?? null,
      notes: null,
      extra: { officialCodeScore: spec.official_code_scores_full_precision[slug] ?? null },
      runs,
    } satisfies SubmissionSeed;
  });
}

type RoundTargets = AlgoperfTargetsFile["rounds"][number];

/** A plan's round with its workloads and no submissions, and the published results it comes from (none for v0.6 self-tuning). */
function plannedRound<S extends RoundTargets>(plan: RoundPlan, rounds: readonly S[], fileSource: string): { round: RoundSeed; spec: S | undefined } {
  const byKey = new Map(rounds.map((r) => [`${r.benchmark_version} ${r.ruleset}`, r]));
  const spec = byKey.get(`${plan.version} ${plan.ruleset}`);
  // v0.6 self-tuning has no published results: same workloads as v0.6 external, filled by uploads.
  const workloadSource = spec ?? byKey.get(`${plan.version} external`);
  if (!workloadSource) throw new Error(`algoperf_leaderboards.json has no ${plan.version} round`);
  // The same path as `cli round create` (lib/rounds/build-round.ts).
  const round = roundSeed(
    {
      slug: plan.slug,
      name: plan.name,
      ruleset: plan.ruleset,
      budgetFactor: plan.budgetFactor,
      studies: plan.studies,
      trials: plan.trials,
      targets: targetsOf(workloadSource),
      extraWorkloads: Object.keys(workloadSource.workload_specs),
      description: spec
        ? `Published ${plan.name} leaderboard, every trial, scored with the official rules.`
        : `${plan.name}: no published results; filled by uploads.`,
      source: spec ? `${fileSource}; ${spec.published_table}` : "uploads",
      position: plan.position,
      // A round with published results is a closed record; v0.6 self-tuning is open to uploads.
      published: spec !== undefined,
      // The GPUs the published trials ran on (their meta_data_<n>.json). v0.6 self-tuning has none published: the v0.6 logs of both
      // rulesets (algoperf_v06/logs/self_tuning/schedule_free_adamw_v2 too) ran on the v0.6 external round's (data/published/README.md).
      hardware: workloadSource.hardware ? hardwareClass(workloadSource.hardware) : null,
    },
    WORKLOAD_CATALOG,
  );
  checkAgainstPublished(workloadSource, round.workloads);
  return { round, spec };
}

export function algoperfRounds(file: AlgoperfLeaderboardsFile): RoundSeed[] {
  return PLANS.map((plan) => {
    const { round, spec } = plannedRound(plan, file.rounds, file.source);
    return { ...round, submissions: spec ? submissionSeeds(spec, plan, round.workloads) : [] } satisfies RoundSeed;
  });
}

/** One round's workloads and targets, without its submissions (`score --round`); undefined for another slug. */
export function algoperfRoundWorkloads(file: AlgoperfTargetsFile, slug: string): RoundSeed | undefined {
  const plan = PLANS.find((p) => p.slug === slug);
  return plan && plannedRound(plan, file.rounds, file.source).round;
}
