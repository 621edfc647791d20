// The official targets format: scoring/workload_targets*.json of the
// AlgoPerf scoring code (one frozen file per benchmark version; see its
// config.py WorkloadConfig.from_json). Validated field by field.
import { z } from "zod";

export const workloadTarget = z.object({
  target_metric_name: z.string().min(1),
  validation_target_value: z.number().finite(),
  step_hint: z.number().int().positive().optional(),
});

export const targetsFileSchema = z.object({
  _comment: z.string().optional(),
  benchmark_version: z.string().regex(/^v?\d+\.\d+$/, 'expected a version such as "0.6"'),
  base_workloads: z.array(z.string().min(1)).min(1),
  held_out_workloads: z.array(z.string().min(1)),
  workloads: z.record(z.string(), workloadTarget),
});

export type TargetsFile = z.infer<typeof targetsFileSchema>;

/** "0.6" or "v0.6" -> "v0.6", the form round rows use. */
export function versionLabel(benchmarkVersion: string): string {
  return benchmarkVersion.startsWith("v") ? benchmarkVersion : `v${benchmarkVersion}`;
}

/** Parses a targets file; errors name the field and the reason. */
export function parseTargetsFile(value: unknown, file = "targets file"): TargetsFile {
  const result = targetsFileSchema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 5).map((i) => `${file}: ${i.path.map(String).join(".") || "(root)"}: ${i.message}`);
  throw new RoundDefinitionError(issues);
}

/**
 * A round definition that cannot be created as asked; `problems` name each
 * field. `kind`: "invalid" input, a round that "exists" already or is
 * "frozen" by its results (both conflicts), or an "unknown" round.
 */
export class RoundDefinitionError extends Error {
  constructor(
    readonly problems: string[],
    readonly kind: "invalid" | "exists" | "frozen" | "unknown" = "invalid",
  ) {
    super(problems.join("\n"));
    this.name = "RoundDefinitionError";
  }
}
