// The JSON form of `round create|update` (admin.createRound / POST
// /api/v1/rounds, admin.updateRound / PATCH /api/v1/rounds/<slug>): the CLI's
// options as JSON fields, turned into the same RoundDefinition / RoundChanges
// the CLI builds, so both go through lib/rounds/build-round.ts
// (docs/hosting-a-round.md "Over HTTP").
import { z } from "zod";
import { text } from "@/lib/ingest/upload-schema";
import type { RoundDefinition } from "./build-round";
import { parseTargetsFile, type TargetsFile } from "./targets-file";

/** An ISO date (2026-12-01) or date-time with offset (2026-12-01T12:00:00Z). */
const isoDate = z.union([z.iso.datetime({ offset: true }).max(40), z.iso.date().max(10)]).transform((v) => new Date(v));

const roundFields = {
  name: text(200).min(1).optional(),
  ruleset: z.enum(["external", "self-tuning"]).optional(),
  /** Numbers are checked by the builder (positive, integers), with the same messages as the CLI. */
  budgetFactor: z.number().optional(),
  studies: z.number().optional(),
  trials: z.number().optional(),
  hardware: text(100).min(1).nullable().optional(),
  /** The official targets file's JSON, as is; checked field by field by parseTargetsFile. */
  targets: z.unknown().optional(),
  targetsSource: text(200).min(1).nullable().optional(),
  budgets: z.record(z.string().max(100), z.number()).optional(),
  variants: z.array(text(100)).max(100).optional(),
  opensAt: isoDate.nullable().optional(),
  closesAt: isoDate.nullable().optional(),
};

export const createRoundInput = z.strictObject({ slug: text(100).min(1), ...roundFields, ruleset: z.enum(["external", "self-tuning"]), targets: z.unknown() });
export const updateRoundInput = z.strictObject({ round: text(100).min(1), ...roundFields });
export const closeRoundInput = z.strictObject({ round: text(100).min(1) });

export type CreateRoundInput = z.infer<typeof createRoundInput>;
export type UpdateRoundInput = z.infer<typeof updateRoundInput>;

/** `round create` over HTTP -> the definition the CLI builds (self-tuning needs its budget factor; external defaults to 1). */
export function definitionFromRequest(input: CreateRoundInput): RoundDefinition {
  return {
    slug: input.slug,
    name: input.name,
    ruleset: input.ruleset,
    budgetFactor: input.budgetFactor ?? (input.ruleset === "external" ? 1 : NaN),
    studies: input.studies ?? NaN,
    trials: input.trials ?? NaN,
    hardware: input.hardware ?? null,
    targets: parseTargetsFile(input.targets, "targets"),
    targetsSource: input.targetsSource ?? null,
    budgets: input.budgets,
    extraWorkloads: input.variants,
    opensAt: input.opensAt ?? null,
    closesAt: input.closesAt ?? null,
  };
}

/** The targets of an update, when one is given. */
export function targetsFromRequest(input: UpdateRoundInput): TargetsFile | undefined {
  return input.targets === undefined ? undefined : parseTargetsFile(input.targets, "targets");
}

/** CLI flags in the builder's messages -> the JSON fields of the HTTP form. */
const FIELD_OF_FLAG: Record<string, string> = {
  "--budget-factor": "budgetFactor",
  "--studies": "studies",
  "--trials": "trials",
  "--opens": "opensAt",
  "--closes": "closesAt",
  "--ruleset": "ruleset",
  "--targets": "targets",
  "--budget": "budgets",
};

/** A builder problem ("--studies: expected ...", "workloads.wmt: ...") as { path, message } of the HTTP form. */
export function problemIssue(problem: string): { path: string; message: string } {
  if (problem.startsWith('slug "')) return { path: "slug", message: problem };
  const m = /^([^:\s]+(?: [a-z0-9_]+)?): (.*)$/s.exec(problem);
  if (!m) return { path: "(body)", message: problem };
  const [, head, message] = m as unknown as [string, string, string];
  if (FIELD_OF_FLAG[head]) return { path: FIELD_OF_FLAG[head], message: problem.replace(head, FIELD_OF_FLAG[head]) };
  if (head.startsWith("--budget ")) return { path: `budgets.${head.slice(9)}`, message };
  if (head === "targets") {
    // parseTargetsFile's "targets: workloads.ogbg.validation_target_value: Invalid input ..."
    const inner = /^([^:\s]+): (.*)$/s.exec(message);
    return inner && inner[1] !== "(root)" ? { path: `targets.${inner[1]}`, message: inner[2]! } : { path: "targets", message };
  }
  if (/^(workloads|base_workloads|held_out_workloads|benchmark_version)\b/.test(head)) return { path: `targets.${head}`, message };
  return { path: "(body)", message: problem };
}
