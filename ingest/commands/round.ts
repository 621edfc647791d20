// `round create|update|close`: host a round from an official targets file
// (docs/hosting-a-round.md), in the database of DATABASE_URL or the embedded
// one, or with --url (and an admin token) through the server's admin procedures.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Command, Option } from "commander";
import type { RulesetName } from "@/lib/rounds/build-round";
import type { ComparableRound } from "@/lib/rounds/round-diff";
import { WORKLOAD_CATALOG } from "@/lib/rounds/catalog";
import { parseTargetsFile, RoundDefinitionError, type TargetsFile } from "@/lib/rounds/targets-file";
import { closeRound, createRound, updateRound } from "@/lib/server/services/rounds-admin";
import { nodeFetch } from "../http-transport";
import { createLeaderboardClient, errorIssues, errorStatus, messageHead } from "../client";
import { withLocalDb } from "./local-db";
import { jsonErrorText, parseJsonText } from "@/lib/ingest/json-syntax";

interface RoundOptions {
  targets?: string;
  ruleset?: RulesetName;
  budgetFactor?: string;
  studies?: string;
  trials?: string;
  hardware?: string;
  name?: string;
  opens?: string;
  closes?: string;
  budget?: string[];
  variant?: string[];
  json?: boolean;
  url?: string;
  token?: string;
}

/** The server's admin procedures when --url is given (token: --token or $ALGOPERF_TOKEN); else null (local database). */
function remote(o: { url?: string; token?: string }) {
  if (!o.url) return null;
  const token = o.token ?? process.env.ALGOPERF_TOKEN;
  if (!token) throw new RoundDefinitionError(["--token: an admin token is needed with --url (or set ALGOPERF_TOKEN)"]);
  return createLeaderboardClient({ url: o.url, token, fetch: nodeFetch });
}

/** The CLI's options as the JSON form of admin.createRound / admin.updateRound (lib/rounds/round-request.ts). */
function requestFields(o: RoundOptions) {
  return {
    name: o.name,
    ruleset: o.ruleset,
    budgetFactor: number("--budget-factor", o.budgetFactor),
    studies: number("--studies", o.studies),
    trials: number("--trials", o.trials),
    hardware: o.hardware,
    targetsSource: o.targets ? path.basename(o.targets) : undefined,
    budgets: budgets(o.budget),
    variants: o.variant,
    opensAt: date("--opens", o.opens)?.toISOString(),
    closesAt: date("--closes", o.closes)?.toISOString(),
  };
}

async function readTargets(file: string): Promise<TargetsFile> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new RoundDefinitionError([`--targets ${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String(error)}`]);
  }
  let value: unknown;
  try {
    value = parseJsonText(text);
  } catch (error) {
    throw new RoundDefinitionError([`--targets ${file}: not JSON: ${jsonErrorText(error)}`]);
  }
  return parseTargetsFile(value, path.basename(file));
}

function number(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n)) throw new RoundDefinitionError([`${flag}: expected a number, got "${value}"`]);
  return n;
}

function date(flag: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new RoundDefinitionError([`${flag}: expected an ISO date such as 2026-12-01, got "${value}"`]);
  return d;
}

function budgets(pairs: string[] | undefined): Record<string, number> | undefined {
  if (!pairs || pairs.length === 0) return undefined;
  const out: Record<string, number> = {};
  for (const p of pairs) {
    const m = /^([a-z0-9_]+)=(.+)$/.exec(p);
    if (!m) throw new RoundDefinitionError([`--budget ${p}: expected <workload>=<seconds>`]);
    out[m[1]!] = number(`--budget ${m[1]}`, m[2])!;
  }
  return out;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function withRuleOptions(command: Command): Command {
  return command
    .addOption(new Option("--ruleset <ruleset>", "tuning ruleset").choices(["external", "self-tuning"]))
    .option("--budget-factor <x>", "runtime budget multiplier (self-tuning: 3 in v0.5, 1.5 in v0.6)")
    .option("--studies <n>", "studies per workload")
    .option("--trials <n>", "trials per study (self-tuning: 1)")
    .option("--hardware <class>", 'reference hardware class, e.g. "4x A100"')
    .option("--name <name>", "display name")
    .option("--opens <date>", "opening date (ISO)")
    .option("--closes <date>", "closing date (ISO)")
    .option("--budget <workload=seconds>", "runtime budget for a workload data/workloads.json has none for in this version (repeatable)", collect)
    .option("--variant <workload>", "also score this variant (besides base and held-out workloads; repeatable)", collect)
    .option("--json", "print the round as JSON")
    .option("--url <base-url>", "do it on this server (admin token) instead of the local database")
    .option("--token <token>", "admin token with --url (default: $ALGOPERF_TOKEN)");
}

function print(seed: Omit<ComparableRound, "hardware">, verb: string, json?: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(seed, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    `${verb} round "${seed.slug}" (${seed.name}): ${seed.benchmarkVersion} ${seed.ruleset}, budget ×${seed.budgetFactor}, ${seed.studiesExpected} studies × ${seed.trialsExpected} trials, ${seed.workloads.length} workloads\n`,
  );
  for (const w of seed.workloads) process.stdout.write(`  ${w.key.padEnd(44)} ${w.role.padEnd(9)} target ${w.target}  budget ${w.budgetSeconds ?? "-"} s\n`);
}

export function roundCommand(): Command {
  const round = new Command("round").description(
    "host rounds: create from an official workload_targets*.json, update, close (database of DATABASE_URL, or the embedded one)",
  );

  withRuleOptions(
    round
      .command("create")
      .description("create a round from an official targets file")
      .argument("<slug>", "URL name, e.g. algoperf-v0.7-self-tuning")
      .requiredOption("--targets <file>", "official targets file (scoring/workload_targets*.json)"),
  ).action(async function (this: Command, slug: string, o: RoundOptions) {
    await run(this, async () => {
      if (!o.ruleset) throw new RoundDefinitionError(["--ruleset: required (external or self-tuning)"]);
      const targets = await readTargets(o.targets!);
      const client = remote(o);
      if (client) {
        print(await client.admin.createRound.mutate({ ...requestFields(o), slug, ruleset: o.ruleset, targets }), "created", o.json);
        return;
      }
      const definition = {
        slug,
        name: o.name,
        ruleset: o.ruleset,
        budgetFactor: number("--budget-factor", o.budgetFactor) ?? (o.ruleset === "external" ? 1 : NaN),
        studies: number("--studies", o.studies) ?? NaN,
        trials: number("--trials", o.trials) ?? NaN,
        hardware: o.hardware ?? null,
        targets,
        targetsSource: path.basename(o.targets!),
        budgets: budgets(o.budget),
        extraWorkloads: o.variant,
        opensAt: date("--opens", o.opens) ?? null,
        closesAt: date("--closes", o.closes) ?? null,
      };
      const seed = await withLocalDb((db) => createRound(db, { definition, catalog: WORKLOAD_CATALOG }));
      print(seed, "created", o.json);
    });
  });

  withRuleOptions(
    round
      .command("update")
      .description("change a round; refused once it has results if a score would change (that needs a new round)")
      .argument("<slug>", "round")
      .option("--targets <file>", "official targets file (scoring/workload_targets*.json)"),
  ).action(async function (this: Command, slug: string, o: RoundOptions) {
    await run(this, async () => {
      const client = remote(o);
      if (client) {
        const targets = o.targets ? await readTargets(o.targets) : undefined;
        print(await client.admin.updateRound.mutate({ ...requestFields(o), round: slug, targets }), "updated", o.json);
        return;
      }
      const changes = {
        name: o.name,
        ruleset: o.ruleset,
        budgetFactor: number("--budget-factor", o.budgetFactor),
        studies: number("--studies", o.studies),
        trials: number("--trials", o.trials),
        hardware: o.hardware,
        targets: o.targets ? await readTargets(o.targets) : undefined,
        targetsSource: o.targets ? path.basename(o.targets) : undefined,
        budgets: budgets(o.budget),
        extraWorkloads: o.variant,
        opensAt: date("--opens", o.opens),
        closesAt: date("--closes", o.closes),
      };
      const seed = await withLocalDb((db) => updateRound(db, { slug, changes, catalog: WORKLOAD_CATALOG }));
      print(seed, "updated", o.json);
    });
  });

  round
    .command("close")
    .description("close a round to upload tokens (admin tokens may still correct it)")
    .argument("<slug>", "round")
    .option("--url <base-url>", "do it on this server (admin token) instead of the local database")
    .option("--token <token>", "admin token with --url (default: $ALGOPERF_TOKEN)")
    .action(async function (this: Command, slug: string, o: { url?: string; token?: string }) {
      await run(this, async () => {
        const client = remote(o);
        if (client) await client.admin.closeRound.mutate({ round: slug });
        else await withLocalDb((db) => closeRound(db, { slug }));
        process.stdout.write(`closed round "${slug}" to upload tokens\n`);
      });
    });

  return round;
}

async function run(command: Command, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (error) {
    // Over HTTP: the status and every issue the server named (same messages as the local checks),
    // each once: the message's "<n> problems: ..." quotes them, and a message may start with its path.
    const status = errorStatus(error);
    const message = error instanceof Error ? error.message : String(error);
    const listed = status ? errorIssues(error) : [];
    const head = listed.length > 0 ? messageHead(message) : message;
    const issues = listed.map((i) => `\n  ${i.message.startsWith(`${i.path}: `) ? i.message : `${i.path}: ${i.message}`}`).join("");
    command.error(`error: ${status ? `HTTP ${status}: ` : ""}${head}${issues}`, { exitCode: 1 });
  }
}
