// A round definition (official targets file + ruleset, budget factor,
// studies × trials, hardware) -> the RoundSeed the loader writes. The seed's
// published rounds and `cli round create` both come through here.
import { roundOptionalFields, type RoundSeed, type WorkloadSeed } from "@/lib/ingest/round-seed";
import { catalogBase, type WorkloadCatalog } from "./catalog";
import { RoundDefinitionError, versionLabel, type TargetsFile } from "./targets-file";

export type RulesetName = "external" | "self-tuning";

export interface RoundDefinition {
  slug: string;
  name?: string;
  ruleset: RulesetName;
  /** Self-tuning runs get a multiple of the external budget (docs/scoring.md §6). */
  budgetFactor: number;
  studies: number;
  trials: number;
  hardware?: string | null;
  targets: TargetsFile;
  /** Where the targets came from (file name, URL), shown on the round page. */
  targetsSource?: string | null;
  /** Variants scored in this round besides the held-out ones (published v0.5 external ran all). */
  extraWorkloads?: string[];
  /** Seconds budgets for workloads the catalog has none for in this version (e.g. finewebedu_lm). */
  budgets?: Record<string, number>;
  description?: string;
  source?: string;
  position?: number;
  published?: boolean;
  opensAt?: Date | null;
  closesAt?: Date | null;
}

export function slugProblem(slug: string): string | null {
  return /^[a-z0-9][a-z0-9.-]{1,79}$/.test(slug) ? null : `slug "${slug}": use 2-80 lower-case letters, digits, "." and "-"`;
}

/** The workload rows of a round; throws RoundDefinitionError listing every problem at once. */
export function roundWorkloads(def: RoundDefinition, catalog: WorkloadCatalog): WorkloadSeed[] {
  const { targets } = def;
  const version = versionLabel(targets.benchmark_version);
  const bases = targets.base_workloads;
  const scored = [...bases, ...targets.held_out_workloads, ...(def.extraWorkloads ?? [])];
  const keys = [...bases, ...[...new Set(scored)].filter((k) => !bases.includes(k)).sort()];
  const problems: string[] = [];
  for (const [key, seconds] of Object.entries(def.budgets ?? {})) {
    if (!keys.includes(key)) problems.push(`--budget ${key}: "${key}" is not a workload of this round`);
    if (!(Number.isFinite(seconds) && seconds > 0)) problems.push(`--budget ${key}: expected a positive number of seconds`);
  }
  const rows = keys.map((key, position): WorkloadSeed | null => {
    const t = targets.workloads[key];
    const entry = catalog.workloads[key];
    const base = catalogBase(catalog, key);
    const role = bases.includes(key) ? "base" : targets.held_out_workloads.includes(key) ? "held_out" : "variant";
    if (!t) {
      problems.push(
        `workloads.${key}: the ${role === "base" ? "base" : role === "held_out" ? "held-out" : ""} workload "${key}" has no target in the targets file`.replace(
          "  ",
          " ",
        ),
      );
      return null;
    }
    if (!entry || !base) {
      problems.push(`workloads.${key}: unknown workload "${key}"; describe it in data/workloads.json first`);
      return null;
    }
    if (role === "base" && entry.base !== null) problems.push(`base_workloads: "${key}" is a variant of "${entry.base}" in data/workloads.json`);
    const baseKey = entry.base;
    if (baseKey !== null && !bases.includes(baseKey)) problems.push(`workloads.${key}: its base workload "${baseKey}" is not in base_workloads`);
    const metric = catalog.metrics[t.target_metric_name];
    if (!metric) {
      problems.push(`workloads.${key}.target_metric_name: unknown metric "${t.target_metric_name}" (known: ${Object.keys(catalog.metrics).join(", ")})`);
      return null;
    }
    const budget = def.budgets?.[key] ?? (baseKey !== null ? def.budgets?.[baseKey] : undefined) ?? base.budgets[version];
    if (budget === undefined)
      problems.push(`workloads.${key}: no runtime budget for ${version} in data/workloads.json; give one with --budget ${baseKey ?? key}=<seconds>`);
    return {
      key,
      position,
      role,
      baseKey,
      displayName: entry.base === null ? entry.displayName : `${base.displayName} · ${entry.variant}`,
      task: base.task,
      dataset: base.dataset,
      model: base.model,
      loss: base.loss,
      metricName: `validation/${t.target_metric_name}`,
      metricLabel: metric.label,
      direction: metric.direction,
      target: t.validation_target_value,
      testTarget: entry.base === null ? base.testTarget : null,
      budgetSeconds: budget ?? null,
      budgetSteps: null,
      batchSize: base.batchSize,
      stepHint: t.step_hint ?? null,
      notes: null,
    };
  });
  if (problems.length > 0) throw new RoundDefinitionError(problems);
  return rows.filter((r): r is WorkloadSeed => r !== null);
}

type RoundHeader = Omit<RoundSeed, "workloads" | "submissions">;

function headerProblems(def: Omit<RoundDefinition, "targets">): string[] {
  const problems: string[] = [];
  const slug = slugProblem(def.slug);
  if (slug) problems.push(slug);
  if (Number.isNaN(def.budgetFactor))
    problems.push("--budget-factor: required for self-tuning: the runtime budget multiplier (3 in AlgoPerf v0.5, 1.5 in v0.6)");
  else if (!(Number.isFinite(def.budgetFactor) && def.budgetFactor > 0)) problems.push("--budget-factor: expected a positive number");
  // NaN: not given (the CLI and the JSON form pass NaN for an absent count). The published AlgoPerf rounds: 5 studies, of 5 trials (external tuning) or 1 (self-tuning).
  if (Number.isNaN(def.studies)) problems.push("--studies: required: the number of studies per workload (5 in the published AlgoPerf rounds)");
  else if (!(Number.isInteger(def.studies) && def.studies >= 1)) problems.push("--studies: expected a positive integer");
  if (Number.isNaN(def.trials))
    problems.push("--trials: required: the number of trials per study (5 for external tuning, 1 for self-tuning in the published AlgoPerf rounds)");
  else if (!(Number.isInteger(def.trials) && def.trials >= 1)) problems.push("--trials: expected a positive integer");
  if (def.opensAt && def.closesAt && def.closesAt <= def.opensAt) problems.push("--closes: must be after --opens");
  return problems;
}

/** The round row of a definition (everything but its workloads); throws RoundDefinitionError. */
export function roundHeader(def: Omit<RoundDefinition, "targets">, benchmarkVersion: string): RoundHeader {
  const problems = headerProblems(def);
  if (problems.length > 0) throw new RoundDefinitionError(problems);
  const version = versionLabel(benchmarkVersion);
  const name = def.name ?? `AlgoPerf ${version} · ${def.ruleset === "external" ? "External tuning" : "Self-tuning"}`;
  return {
    slug: def.slug,
    name,
    benchmarkVersion: version,
    ruleset: def.ruleset === "external" ? "external_tuning" : "self_tuning",
    timeBasis: "seconds",
    description: def.description ?? `${name}: filled by uploads.`,
    source: def.source ?? "uploads",
    position: def.position ?? 100,
    budgetFactor: def.budgetFactor,
    studiesExpected: def.studies,
    trialsExpected: def.trials,
    ...roundOptionalFields(def),
  };
}

/** The whole round (no submissions) for the loader; every problem is reported at once. */
export function roundSeed(def: RoundDefinition, catalog: WorkloadCatalog): RoundSeed {
  const problems = headerProblems(def);
  let workloads: WorkloadSeed[] = [];
  try {
    workloads = roundWorkloads(def, catalog);
  } catch (error) {
    if (!(error instanceof RoundDefinitionError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0) throw new RoundDefinitionError(problems);
  return { ...roundHeader(def, def.targets.benchmark_version), workloads, submissions: [] };
}
