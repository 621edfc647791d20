// Hosting a round (docs/hosting-a-round.md): create a round from an official
// targets file, update it while it has no results, close it to uploads. A
// change that would alter scores of a round with results is refused. The CLI
// (local database) and the admin procedures (HTTP) call these same functions;
// each success is audited under the actor's name ("(cli)" for the CLI).
import type { Db } from "@/lib/db/client";
import { loadRound } from "@/lib/ingest/load-round";
import type { RoundSeed, WorkloadSeed } from "@/lib/ingest/round-seed";
import { roundHeader, roundSeed, type RoundDefinition, type RulesetName } from "@/lib/rounds/build-round";
import type { WorkloadCatalog } from "@/lib/rounds/catalog";
import { problemIssue } from "@/lib/rounds/round-request";
import { RoundDefinitionError, type TargetsFile } from "@/lib/rounds/targets-file";
import { AppError, issuesError, unknownRoundText } from "@/lib/server/errors";
import { audit } from "./audit";
import { CLI_ACTOR } from "./tokens";

/** What the audit log names a round admin action after (the admin procedures' paths). */
const ACTIONS = { create: "admin.createRound", update: "admin.updateRound", close: "admin.closeRound" } as const;

export async function createRound(db: Db, options: { definition: RoundDefinition; catalog: WorkloadCatalog; actor?: string }): Promise<RoundSeed> {
  let seed = roundSeed(options.definition, options.catalog);
  const existing = await db.round.findUnique({ where: { slug: seed.slug }, select: { id: true } });
  if (existing) throw new RoundDefinitionError([`round "${seed.slug}" exists already; change it with \`round update\` or pick another slug`], "exists");
  // The default name comes from the version and ruleset, which a published round of that version has too
  // ("AlgoPerf v0.6 · Self-tuning"): the slug keeps the two apart in the round picker. A name given is kept.
  if (options.definition.name === undefined && (await db.round.findFirst({ where: { name: seed.name }, select: { id: true } }))) {
    seed = roundSeed({ ...options.definition, name: `${seed.name} (${seed.slug})` }, options.catalog);
  }
  await loadRound(db, seed);
  await audit(db, { tokenName: options.actor ?? CLI_ACTOR, action: ACTIONS.create, target: seed.slug, outcome: "ok", details: roundSummary(seed) });
  return seed;
}

function roundSummary(seed: RoundSeed): Record<string, unknown> {
  return {
    benchmarkVersion: seed.benchmarkVersion,
    ruleset: seed.ruleset,
    budgetFactor: seed.budgetFactor,
    workloads: seed.workloads.map((w) => w.key),
    targetsSource: seed.targetsSource,
  };
}

/** A RoundDefinitionError as the app's error: 400 naming the fields of the JSON form, 404 unknown round, 409 exists or frozen. */
export function roundAppError(error: RoundDefinitionError): AppError {
  if (error.kind === "unknown") return new AppError("NOT_FOUND", error.message, [{ path: "round", message: error.message }]);
  if (error.kind === "exists") return issuesError("CONFLICT", "round not created", [{ path: "slug", message: error.message }]);
  if (error.kind === "frozen") return issuesError("CONFLICT", "round not changed", [{ path: "(body)", message: error.message }]);
  return issuesError("BAD_REQUEST", "invalid round", error.problems.map(problemIssue));
}

export interface RoundChanges {
  name?: string;
  ruleset?: RulesetName;
  budgetFactor?: number;
  studies?: number;
  trials?: number;
  hardware?: string | null;
  targets?: TargetsFile;
  targetsSource?: string | null;
  budgets?: Record<string, number>;
  extraWorkloads?: string[];
  opensAt?: Date | null;
  closesAt?: Date | null;
}

// What a score depends on (docs/scoring.md §1, §6): changing any of it on a round with results needs a new round.
const SCORED_ROUND_FIELDS = ["benchmarkVersion", "ruleset", "timeBasis", "budgetFactor", "studiesExpected", "trialsExpected"] as const;
const SCORED_WORKLOAD_FIELDS = ["role", "baseKey", "metricName", "direction", "target", "budgetSeconds", "budgetSteps"] as const;

function scoreChanges(before: RoundSeed, after: RoundSeed): string[] {
  const out: string[] = [];
  for (const f of SCORED_ROUND_FIELDS) if (before[f] !== after[f]) out.push(`${f} ${before[f]} -> ${after[f]}`);
  const keysBefore = before.workloads.map((w) => w.key).join(",");
  const keysAfter = after.workloads.map((w) => w.key).join(",");
  if (keysBefore !== keysAfter) out.push(`workloads [${keysBefore}] -> [${keysAfter}]`);
  const old = new Map(before.workloads.map((w) => [w.key, w]));
  for (const w of after.workloads) {
    const o = old.get(w.key);
    if (o) for (const f of SCORED_WORKLOAD_FIELDS) if (o[f] !== w[f]) out.push(`${w.key}.${f} ${o[f]} -> ${w[f]}`);
  }
  return out;
}

async function currentSeed(db: Db, slug: string): Promise<{ seed: RoundSeed; runs: number }> {
  const r = await db.round.findUnique({ where: { slug }, include: { workloads: { orderBy: { position: "asc" } }, _count: { select: { runs: true } } } });
  if (!r) throw new RoundDefinitionError([`${unknownRoundText(slug)}; create it with \`round create\``], "unknown");
  const workloads: WorkloadSeed[] = r.workloads.map(({ id: _id, roundId: _roundId, ...w }) => w);
  const {
    id: _id,
    createdAt: _c,
    updatedAt: _u,
    dataVersion: _d,
    seedHash: _s,
    tauMin: _a,
    tauMax: _b,
    tauPoints: _p,
    tauScale: _t,
    integration: _i,
    _count,
    ...round
  } = r;
  return { seed: { ...round, source: round.source ?? "uploads", workloads, submissions: [] }, runs: _count.runs };
}

/** Applies `changes`; refused (nothing written) when the round has results and a score would change. */
export async function updateRound(db: Db, options: { slug: string; changes: RoundChanges; catalog: WorkloadCatalog; actor?: string }): Promise<RoundSeed> {
  const { slug, changes: c, catalog } = options;
  const { seed: before, runs } = await currentSeed(db, slug);
  const ruleset: RulesetName = c.ruleset ?? (before.ruleset === "external_tuning" ? "external" : "self-tuning");
  const base = {
    slug,
    name: c.name ?? before.name,
    ruleset,
    budgetFactor: c.budgetFactor ?? before.budgetFactor,
    studies: c.studies ?? before.studiesExpected,
    trials: c.trials ?? before.trialsExpected,
    hardware: c.hardware === undefined ? before.hardware : c.hardware,
    opensAt: c.opensAt === undefined ? before.opensAt : c.opensAt,
    closesAt: c.closesAt === undefined ? before.closesAt : c.closesAt,
    targetsSource: c.targets ? (c.targetsSource ?? null) : before.targetsSource,
    description: before.description,
    source: before.source,
    position: before.position,
    published: before.published,
  };
  if (c.budgets && !c.targets) throw new RoundDefinitionError(["--budget: give the targets file again (--targets) to change budgets"]);
  // Without a new targets file the workloads stay; the rest is checked by the same builder.
  const after: RoundSeed = c.targets
    ? roundSeed({ ...base, targets: c.targets, budgets: c.budgets, extraWorkloads: c.extraWorkloads }, catalog)
    : { ...roundHeader(base, before.benchmarkVersion), workloads: before.workloads, submissions: [] };
  const changed = scoreChanges(before, after);
  if (runs > 0 && changed.length > 0) {
    throw new RoundDefinitionError(
      [`round "${slug}" has ${runs} runs: ${changed.join("; ")} would alter its scores; it needs a new round (round create)`],
      "frozen",
    );
  }
  if (runs === 0) {
    const keep = after.workloads.map((w) => w.key);
    await db.workload.deleteMany({ where: { round: { slug }, key: { notIn: keep } } });
  }
  await loadRound(db, after);
  await audit(db, {
    tokenName: options.actor ?? CLI_ACTOR,
    action: ACTIONS.update,
    target: slug,
    outcome: "ok",
    details: { ...roundSummary(after), scoreChanges: changed },
  });
  return after;
}

/** Closes a round to upload tokens (docs/trust-model.md: like a published round, admins may still correct it). */
export async function closeRound(db: Db, options: { slug: string; at?: Date; actor?: string }): Promise<{ slug: string; closesAt: string }> {
  const r = await db.round.findUnique({ where: { slug: options.slug }, select: { closesAt: true } });
  if (!r) throw new RoundDefinitionError([unknownRoundText(options.slug)], "unknown");
  const at = options.at ?? new Date();
  const closesAt = r.closesAt && r.closesAt < at ? r.closesAt : at;
  await db.$transaction(async (tx) => {
    await tx.round.update({ where: { slug: options.slug }, data: { published: true, closesAt, dataVersion: { increment: 1 } } });
    await audit(tx, {
      tokenName: options.actor ?? CLI_ACTOR,
      action: ACTIONS.close,
      target: options.slug,
      outcome: "ok",
      details: { closesAt: closesAt.toISOString() },
    });
  });
  return { slug: options.slug, closesAt: closesAt.toISOString() };
}
